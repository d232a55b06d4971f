using System.Text.RegularExpressions;
using Bot.Domain.Text;

namespace Bot.Domain.Suggestions;

/// <summary>
/// A suggestion's topic: the member's own <c>#topic</c> when they give one, else the first configured topic with a
/// keyword in the text (compared folded, so case, width and Traditional/Simplified forms do not matter), else "other".
/// </summary>
public sealed partial class SuggestionTopics(SuggestionsOptions options)
{
    public const string Other = "other";
    public const int MaxTopicLength = 32;

    private readonly (string Topic, string[] Keywords)[] _topics =
    [
        .. options.Topics.Select(t => (t.Key.ToLowerInvariant(), t.Value.Split([',', '，', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(TextNormalizer.Normalize).Where(k => k.Length > 0).ToArray())),
    ];

    public string Of(string text)
    {
        if (Hashtag().Match(text) is { Success: true } tag)
        {
            var topic = tag.Groups[1].Value.ToLowerInvariant();
            return topic.Length <= MaxTopicLength ? topic : topic[..MaxTopicLength];
        }

        var folded = TextNormalizer.Normalize(text);
        foreach (var (topic, keywords) in _topics)
        {
            if (keywords.Any(k => folded.Contains(k, StringComparison.Ordinal)))
            {
                return topic;
            }
        }

        return Other;
    }

    [GeneratedRegex(@"(?:^|\s)[#＃]([\p{L}\p{N}_-]+)")]
    private static partial Regex Hashtag();
}
