using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Suggestions;

/// <summary>Staff's decision on a suggestion (a button on its card): the card shows it, the member is told.</summary>
public sealed class SuggestionsFeature(ISuggestionStore store) : IFeature
{
    public string Name => "suggestions";

    public int Order => 360;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) =>
        context.Event is ButtonPressed button && TryParse(button.Data, out var status, out var id)
            ? DecideAsync(context, button, status, id, ct)
            : FeatureResults.NoneAsync;

    private async Task<IReadOnlyList<BotAction>> DecideAsync(EventContext context, ButtonPressed button, SuggestionStatus status, long id, CancellationToken ct)
    {
        var culture = context.Culture;
        if (!context.IsStaff)
        {
            return [Notice(button, SuggestionsText.Get(culture, "StaffOnly"))];
        }

        var suggestion = await store.GetAsync(button.Community, id, ct);
        if (suggestion is null || !await store.DecideAsync(button.Community, id, status, button.By.User, context.Now, ct))
        {
            return [Notice(button, SuggestionsText.Get(culture, "AlreadyDecided", id))];
        }

        var outcome = SuggestionsText.Get(culture, "Status" + status);
        var card = SuggestionsText.Get(culture, "DecidedCard", id, suggestion.Topic, suggestion.Text, outcome, button.By.DisplayName);
        return
        [
            new EditMessage(button.Community, button.ChannelId, button.MessageId, card, []),
            new DirectMessage(button.Community, suggestion.Author, SuggestionsText.Get(culture, "Told" + status, id, Excerpt(suggestion.Text))),
            Notice(button, SuggestionsText.Get(culture, "Decided", id, outcome)),
        ];
    }

    private static bool TryParse(string data, out SuggestionStatus status, out long id)
    {
        (status, id) = (SuggestionStatus.Open, 0);
        var parts = data.StartsWith(SuggestionsCommands.ButtonPrefix, StringComparison.Ordinal) ? data[SuggestionsCommands.ButtonPrefix.Length..].Split(':') : [];
        return parts.Length == 2
            && Enum.TryParse(parts[0], ignoreCase: true, out status) && status != SuggestionStatus.Open
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..79] + "…";

    private static Reply Notice(ButtonPressed button, string text) =>
        new(button.Community, button.ChannelId, text, Ephemeral: true, InteractionId: button.InteractionId);
}
