using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Tickets;

namespace Bot.Domain.Faq;

/// <summary>
/// Answers members' questions from the FAQ when the match is confident (see <see cref="QuestionDetector"/> for
/// what is a question), keeps the ones it could not answer for <c>/faq gaps</c>, and records 👍/👎 feedback.
/// When unsure it asks "Did you mean…?" with the top entries as buttons, and records the member's pick; with
/// nothing close it stays silent, or in the help channel offers to fetch staff. Staff attach unanswered questions
/// to entries from <c>/faq gaps</c> (<see cref="FaqLearning"/>).
/// </summary>
public sealed class FaqFeature(IFaqStore store, FaqIndexCache indexes, FaqOptions options, FaqLearning learning) : IFeature
{
    private const string TalkToStaff = TicketButtons.Open;
    private const int ButtonLength = 60;

    public string Name => "faq";

    public int Order => 300;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        MessagePosted message => OnMessageAsync(context, message, ct),
        ButtonPressed { Data: var data } button when data.StartsWith("faq:pick:", StringComparison.Ordinal) => OnPickAsync(context, button, ct),
        ButtonPressed { Data: var data } button when data.StartsWith("faq:learn:", StringComparison.Ordinal) => learning.OnButtonAsync(context, button, ct),
        ButtonPressed { Data: var data } button when data.StartsWith("faq:", StringComparison.Ordinal) => OnFeedbackAsync(context, button, ct),
        _ => FeatureResults.NoneAsync,
    };

    private async Task<IReadOnlyList<BotAction>> OnMessageAsync(EventContext context, MessagePosted message, CancellationToken ct)
    {
        // Staff answering in chat, staff threads and removed messages are not members' questions.
        var settings = context.Settings;
        if (message.IsDirect || context.MessageFiltered || context.MessageAnswered || context.IsStaff
            || message.ThreadId is not null || message.ChannelId == settings.StaffChannelId || message.Text.StartsWith('/'))
        {
            return FeatureResults.None;
        }

        var inHelp = message.ChannelId == settings.HelpChannelId;
        if ((!inHelp && !QuestionDetector.LooksLikeQuestion(message.Text))
            || !await store.IsChannelEnabledAsync(message.Community, message.ChannelId, ct))
        {
            return FeatureResults.None;
        }

        // Tokenized once, as the community's index reads it, for both the question check and the match.
        var index = await indexes.GetAsync(message.Community, store, ct);
        var terms = index.Terms(message.Text);
        if (!inHelp && !QuestionDetector.HasTopic(terms))
        {
            return FeatureResults.None;
        }

        var match = index.Match(terms, options);
        var culture = context.Culture;
        if (!match.Confident || await store.GetAsync(message.Community, match.Best!.EntryId, ct) is not { } entry)
        {
            await store.RecordQuestionAsync(Question(message, context, null, answered: false), ct);
            await store.RecordGapAsync(message.Community, FaqText.Key(message.Text), Shorten(message.Text), message.Author.User, context.Now, ct);
            if (match.Unsure)
            {
                context.MessageAnswered = true;
                return [Answer(message, FaqText.Get(culture, "DidYouMean"),
                [
                    .. match.Suggestions.Select(c => new Button(Label(c.Phrasing), $"faq:pick:{c.EntryId}", ButtonStyle.Primary)),
                    new Button(FaqText.Get(culture, "TalkToStaff"), TalkToStaff),
                ])];
            }

            if (!inHelp)
            {
                return FeatureResults.None;
            }

            context.MessageAnswered = true;
            return [Answer(message, FaqText.Get(culture, "NoAnswer"), [new Button(FaqText.Get(culture, "TalkToStaff"), TalkToStaff, ButtonStyle.Primary)])];
        }

        var last = await store.LastAnsweredAsync(message.Community, message.ChannelId, entry.Id, ct);
        if (last is { } at && context.Now - at < options.Cooldown)
        {
            await store.RecordQuestionAsync(Question(message, context, entry.Id, answered: false), ct);
            return FeatureResults.None;
        }

        await store.RecordQuestionAsync(Question(message, context, entry.Id, answered: true), ct);
        await store.MarkAnsweredAsync(new FaqAnswered(message.Community, message.ChannelId, entry.Id, context.Now), ct);
        context.MessageAnswered = true;
        return [Answer(message, entry.Answer, Verdicts(entry.Id, culture))];
    }

    // A pick from "Did you mean…?": recorded (it raises the entry's weight), then answered like a confident match.
    private async Task<IReadOnlyList<BotAction>> OnPickAsync(EventContext context, ButtonPressed button, CancellationToken ct)
    {
        if (!long.TryParse(button.Data["faq:pick:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        if (await store.GetAsync(button.Community, id, ct) is not { } entry)
        {
            return [new Reply(button.Community, button.ChannelId, FaqText.Get(culture, "FeedbackGone"), Ephemeral: true, InteractionId: button.InteractionId)];
        }

        await store.RecordChoiceAsync(new FaqChoice(button.Community, button.ChannelId, button.MessageId, button.By.User, id, context.Now), ct);
        return [new Reply(button.Community, button.ChannelId, entry.Answer, button.MessageId, Buttons: Verdicts(id, culture), InteractionId: button.InteractionId)];
    }

    private static IReadOnlyList<Button> Verdicts(long id, CultureInfo culture) =>
    [
        new Button(FaqText.Get(culture, "Helpful"), $"faq:up:{id}", ButtonStyle.Success),
        new Button(FaqText.Get(culture, "Unhelpful"), $"faq:down:{id}", ButtonStyle.Danger),
        new Button(FaqText.Get(culture, "TalkToStaff"), TalkToStaff),
    ];

    private static string Label(string phrasing) => phrasing.Length > ButtonLength ? phrasing[..(ButtonLength - 1)] + "…" : phrasing;

    private async Task<IReadOnlyList<BotAction>> OnFeedbackAsync(EventContext context, ButtonPressed button, CancellationToken ct)
    {
        var parts = button.Data.Split(':');
        if (parts.Length != 3 || parts[1] is not ("up" or "down") || !long.TryParse(parts[2], out var id))
        {
            return FeatureResults.None;
        }

        var helpful = parts[1] == "up";
        var culture = context.Culture;
        var recorded = await store.RecordFeedbackAsync(button.Community, id, button.By.User, helpful, context.Now, ct);
        var (text, buttons) = (recorded, helpful) switch
        {
            (false, _) => (FaqText.Get(culture, "FeedbackGone"), (IReadOnlyList<Button>?)null),
            (true, true) => (FaqText.Get(culture, "FeedbackThanks"), null),
            _ => (FaqText.Get(culture, "FeedbackSorry"), [new Button(FaqText.Get(culture, "TalkToStaff"), TalkToStaff, ButtonStyle.Primary)]),
        };
        return [new Reply(button.Community, button.ChannelId, text, Ephemeral: true, Buttons: buttons, InteractionId: button.InteractionId, To: button.By.User)];
    }

    private static Reply Answer(MessagePosted message, string text, IReadOnlyList<Button> buttons) =>
        new(message.Community, message.ChannelId, text, message.MessageId, Buttons: buttons);

    private static FaqQuestion Question(MessagePosted message, EventContext context, long? entryId, bool answered) =>
        new(message.Community, message.ChannelId, message.MessageId, message.Author.User, context.Now, entryId, answered);

    private static string Shorten(string text) => text.Length > 300 ? text[..300] : text;
}
