using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Suggestions;

/// <summary><c>/suggest &lt;text&gt;</c>: any member's suggestion, sent to the staff chat with accept, decline and duplicate buttons.</summary>
public sealed class SuggestionsCommands(ISuggestionStore store, SuggestionTopics topics, SuggestionsOptions options) : ICommandHandler
{
    public const string ButtonPrefix = "suggest:";

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("suggest", "SuggestDescription", Permission.Everyone, SuggestionsText.Texts,
        [
            new("text", OptionKind.Text, "OptionSuggestion"),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var text = call.Options.Text("text").Trim();
        if (text.Length > options.MaxLength)
        {
            return [call.Reply(SuggestionsText.Get(culture, "TooLong", options.MaxLength), ephemeral: true)];
        }

        var topic = topics.Of(text);
        var draft = new Suggestion(0, call.Community, call.Caller.User, text, topic, SuggestionStatus.Open, call.Context.Now);
        var suggestion = draft with { Id = await store.CreateAsync(draft, ct) };
        return
        [
            new PostToStaff(call.Community, Card(culture, suggestion, call.Caller.DisplayName), Buttons(culture, suggestion.Id)),
            call.Reply(SuggestionsText.Get(culture, "Received", suggestion.Id, topic), ephemeral: true),
        ];
    }

    public static string Card(CultureInfo culture, Suggestion suggestion, string authorName) =>
        SuggestionsText.Get(culture, "Card", suggestion.Id, suggestion.Topic, authorName, suggestion.Text);

    private static IReadOnlyList<Button> Buttons(CultureInfo culture, long id) =>
    [
        new(SuggestionsText.Get(culture, "Accept"), Data(SuggestionStatus.Accepted, id), ButtonStyle.Success),
        new(SuggestionsText.Get(culture, "Decline"), Data(SuggestionStatus.Declined, id), ButtonStyle.Danger),
        new(SuggestionsText.Get(culture, "MarkDuplicate"), Data(SuggestionStatus.Duplicate, id)),
    ];

    public static string Data(SuggestionStatus status, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{ButtonPrefix}{status.ToString().ToLowerInvariant()}:{id}");
}
