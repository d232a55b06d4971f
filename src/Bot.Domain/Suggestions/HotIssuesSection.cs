using System.Text;
using Bot.Domain.Pipeline;
using Bot.Domain.Stats;

namespace Bot.Domain.Suggestions;

/// <summary>The weekly report's hot issues (熱點問題): the week's suggestions counted by topic.</summary>
public sealed class HotIssuesSection(ISuggestionStore store, SuggestionsOptions options) : IWeeklyReportSection
{
    public async Task<string?> BuildAsync(EventContext context, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var culture = context.Culture;
        var topics = await store.TopicsAsync(context.Community, from, to, options.TopTopics, ct);
        if (topics.Count == 0)
        {
            return SuggestionsText.Get(culture, "HotIssuesNone");
        }

        var text = new StringBuilder(SuggestionsText.Get(culture, "HotIssuesHeader", topics.Sum(t => t.Count)));
        foreach (var (topic, count) in topics)
        {
            text.AppendLine().Append(SuggestionsText.Get(culture, "HotIssueLine", topic, count));
        }

        return text.ToString();
    }
}
