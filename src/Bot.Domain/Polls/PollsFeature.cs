using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Polls;

/// <summary>
/// Votes and closing: a press records (or changes) the member's one vote and edits the poll's counts; at the close
/// the message shows the final counts without buttons and a summary is posted under it.
/// </summary>
public sealed class PollsFeature(IPollStore store) : IFeature
{
    public const string Feature = "polls";

    public string Name => Feature;

    public int Order => 340;

    public static string Correlation(long id) => string.Create(CultureInfo.InvariantCulture, $"poll:{id}");

    public static string CloseKey(long id) => string.Create(CultureInfo.InvariantCulture, $"close:{id}");

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        ActionCompleted { Succeeded: true, MessageId: { } message } done when IdAfter(done.Correlation, "poll:") is { } id =>
            PostedAsync(context, id, message, ct),
        ButtonPressed button when PollRendering.TryParseVote(button.Data, out var id, out var option) => VoteAsync(context, button, id, option, ct),
        TimerFired { Feature: Feature } timer when IdAfter(timer.Key, "close:") is { } id => TimerAsync(context, id, ct),
        _ => FeatureResults.NoneAsync,
    };

    /// <summary>Closes an open poll: final counts on its message, buttons gone, the summary under it.</summary>
    public static async Task<IReadOnlyList<BotAction>> CloseAsync(IPollStore store, EventContext context, Poll poll, CancellationToken ct)
    {
        if (!await store.CloseAsync(poll.Community, poll.Id, context.Now, ct))
        {
            return FeatureResults.None;
        }

        var closed = poll with { ClosedAt = context.Now };
        var counts = await store.CountsAsync(poll.Id, poll.Options.Count, ct);
        var culture = context.Culture;
        var actions = new List<BotAction>();
        if (poll.MessageId is { } message)
        {
            actions.Add(new EditMessage(poll.Community, poll.ChannelId, message, PollRendering.Text(culture, closed, counts, context.Settings.Zone), []));
        }

        actions.Add(new SendMessage(poll.Community, poll.ChannelId, PollRendering.Summary(culture, closed, counts)));
        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> PostedAsync(EventContext context, long id, string message, CancellationToken ct)
    {
        await store.SetMessageAsync(context.Community, id, message, ct);
        return FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> VoteAsync(EventContext context, ButtonPressed button, long id, int option, CancellationToken ct)
    {
        var culture = context.Culture;
        var poll = await store.GetAsync(button.Community, id, ct);
        if (poll is null || option < 0 || option >= poll.Options.Count)
        {
            return [Notice(button, PollsText.Get(culture, "Unknown", id))];
        }

        if (!poll.IsOpen || context.Now >= poll.ClosesAt)
        {
            return [Notice(button, PollsText.Get(culture, "VoteClosed", id))];
        }

        var before = await store.VoteAsync(button.Community, id, button.By.User, option, context.Now, ct);
        var key = before switch
        {
            null => "Voted",
            var same when same == option => "VoteSame",
            _ => "VoteChanged",
        };
        var actions = new List<BotAction>();
        if (before != option)
        {
            var counts = await store.CountsAsync(id, poll.Options.Count, ct);
            var message = poll.MessageId ?? button.MessageId;
            actions.Add(new EditMessage(poll.Community, poll.ChannelId, message, PollRendering.Text(culture, poll, counts, context.Settings.Zone), PollRendering.Buttons(poll)));
        }

        actions.Add(Notice(button, PollsText.Get(culture, key, poll.Options[option])));
        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> TimerAsync(EventContext context, long id, CancellationToken ct) =>
        await store.GetAsync(context.Community, id, ct) is { IsOpen: true } poll ? await CloseAsync(store, context, poll, ct) : FeatureResults.None;

    private static long? IdAfter(string text, string prefix) =>
        text.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static Reply Notice(ButtonPressed button, string text) =>
        new(button.Community, button.ChannelId, text, Ephemeral: true, InteractionId: button.InteractionId);
}
