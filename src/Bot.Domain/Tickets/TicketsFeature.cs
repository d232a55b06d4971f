using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Tickets;

/// <summary>
/// The life of a ticket outside commands: the staff thread coming back from the platform, the relay between
/// the member's private messages and the thread (both ways), the "talk to staff" and rating buttons, and the
/// first-response timer that escalates to managers.
/// </summary>
public sealed class TicketsFeature(ITicketStore store, TicketDesk desk, IStaffStore staff, IMessageLog messages) : IFeature
{
    private static readonly TimeSpan BackgroundWindow = TimeSpan.FromMinutes(30);

    public string Name => "tickets";

    public int Order => 310;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        ActionCompleted done when done.Correlation.StartsWith("ticket:", StringComparison.Ordinal) => OnThreadOpenedAsync(context, done, ct),
        ActionCompleted done when done.Correlation.StartsWith(TicketDesk.LinePrefix, StringComparison.Ordinal) => OnLineRelayedAsync(done, ct),
        MessagePosted { IsDirect: true } message => FromMemberAsync(context, message, ct),
        MessagePosted message => FromStaffAsync(context, message, ct),
        ButtonPressed { Data: TicketButtons.Open } button => OpenFromButtonAsync(context, button, ct),
        ButtonPressed button when button.Data.StartsWith(TicketButtons.RatePrefix, StringComparison.Ordinal) => RateAsync(context, button, ct),
        TimerFired { Feature: TicketDesk.Feature } timer when timer.Key.StartsWith("sla:", StringComparison.Ordinal) => EscalateAsync(context, timer, ct),
        _ => FeatureResults.NoneAsync,
    };

    private async Task<IReadOnlyList<BotAction>> OnThreadOpenedAsync(EventContext context, ActionCompleted done, CancellationToken ct)
    {
        if (!long.TryParse(done.Correlation["ticket:".Length..], out var id) || await store.GetAsync(done.Community, id, ct) is not { Status: TicketStatus.Opening } ticket)
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        if (!done.Succeeded || done.ChannelId is null)
        {
            await store.SaveAsync(ticket with { Status = TicketStatus.Failed, ClosedAt = context.Now }, ct);
            return
            [
                new CancelTimer(ticket.Community, TicketDesk.Feature, TicketDesk.SlaKey(id)),
                new DirectMessage(ticket.Community, ticket.Member, TicketText.Get(culture, "ThreadFailed", id)),
            ];
        }

        await store.SaveAsync(ticket with { Status = TicketStatus.Open, ThreadId = done.ChannelId }, ct);

        // What the member wrote while the thread was being opened follows the opening message.
        var pending = (await store.TranscriptAsync(id, ct)).Where(m => !m.Relayed).ToList();
        await store.MarkRelayedAsync(id, ct);
        return [.. pending.Select(m => ToThread(ticket, done.ChannelId, m.Text, culture))];
    }

    /// <summary>A relayed line's id is kept: staff may answer by replying to it rather than to the card.</summary>
    private async Task<IReadOnlyList<BotAction>> OnLineRelayedAsync(ActionCompleted done, CancellationToken ct)
    {
        if (done is { Succeeded: true, MessageId: { } message }
            && long.TryParse(done.Correlation[TicketDesk.LinePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await store.AddStaffMessageAsync(done.Community, id, message, ct);
        }

        return FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> FromMemberAsync(EventContext context, MessagePosted message, CancellationToken ct)
    {
        if (context.MessageAnswered)
        {
            return FeatureResults.None;
        }

        context.MessageAnswered = true;
        var ticket = await store.FindOpenForUserAsync(message.Author.User, ct);
        if (ticket is null)
        {
            return [new Reply(message.Community, message.ChannelId, TicketText.Get(context.Culture, "NoOpenTicket"), message.MessageId)];
        }

        var relayed = ticket.ThreadId is not null;
        await store.AppendAsync(new TicketMessage(ticket.Id, context.Now, message.Author.User, message.Author.DisplayName, TicketEntryKind.Member, message.Text, relayed), ct);
        return relayed ? [ToThread(ticket, ticket.ThreadId!, message.Text, context.Culture)] : FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> FromStaffAsync(EventContext context, MessagePosted message, CancellationToken ct)
    {
        // Discord gives a thread message the thread as its channel; Telegram a topic id beside the group, or a reply to the card.
        if (!context.IsStaff || message.Text.StartsWith('/')
            || await TicketDesk.FindForStaffAsync(store, context, message.ChannelId, message.ThreadId, message.ReplyToMessageId, ct)
                is not { Status: TicketStatus.Open } ticket
            || ticket.Member == message.Author.User)
        {
            return FeatureResults.None;
        }

        context.MessageAnswered = true;
        await store.AppendAsync(new TicketMessage(ticket.Id, context.Now, message.Author.User, message.Author.DisplayName, TicketEntryKind.Staff, message.Text), ct);
        var actions = new List<BotAction>
        {
            new DirectMessage(ticket.Community, ticket.Member, TicketText.Get(context.Culture, "RelayToMember", ticket.Id, message.Author.DisplayName, message.Text)),
        };
        if (ticket.FirstResponseAt is null)
        {
            await store.SaveAsync(ticket with { FirstResponseAt = context.Now }, ct);
            actions.Add(new CancelTimer(ticket.Community, TicketDesk.Feature, TicketDesk.SlaKey(ticket.Id)));
        }

        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> OpenFromButtonAsync(EventContext context, ButtonPressed button, CancellationToken ct)
    {
        var culture = context.Culture;
        var recent = await messages.RecentByAuthorAsync(button.Community, button.By.User, context.Now - BackgroundWindow, ct);
        var background = string.Join("\n", recent.Where(m => m.ChannelId == button.ChannelId).TakeLast(3).Select(m => "> " + m.Text));
        var opening = await desk.OpenAsync(context, button.By, TicketKind.Support, TicketText.Get(culture, "ButtonSubject"), background, null, ct);
        var key = opening.AlreadyOpen ? "AlreadyOpen" : "Opened";
        return [.. opening.Actions, new Reply(button.Community, button.ChannelId, TicketText.Get(culture, key, opening.Ticket.Id), Ephemeral: true, InteractionId: button.InteractionId, To: button.By.User)];
    }

    private async Task<IReadOnlyList<BotAction>> RateAsync(EventContext context, ButtonPressed button, CancellationToken ct)
    {
        var culture = context.Culture;
        if (!TicketButtons.TryParseRate(button.Data, out var id, out var stars))
        {
            return FeatureResults.None;
        }

        var ticket = await store.GetAsync(button.Community, id, ct);
        var key = ticket switch
        {
            null => "RateUnknown",
            _ when ticket.Member != button.By.User => "RateNotYours",
            { Status: not TicketStatus.Closed } => "RateNotClosed",
            { Rating: not null } => "RateAlready",
            _ => null,
        };
        if (key is null)
        {
            await store.SaveAsync(ticket! with { Rating = stars }, ct);
            key = "Rated";
        }

        return [new Reply(button.Community, button.ChannelId, TicketText.Get(culture, key, id, stars), Ephemeral: true, InteractionId: button.InteractionId, To: button.By.User)];
    }

    private async Task<IReadOnlyList<BotAction>> EscalateAsync(EventContext context, TimerFired timer, CancellationToken ct)
    {
        if (!long.TryParse(timer.Key["sla:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await store.GetAsync(timer.Community, id, ct) is not { } ticket
            || !ticket.IsOpen || ticket.FirstResponseAt is not null || ticket.EscalatedAt is not null)
        {
            return FeatureResults.None;
        }

        await store.SaveAsync(ticket with { EscalatedAt = context.Now }, ct);
        var managers = (await staff.ListAsync(timer.Community, ct))
            .Where(s => s.Role is StaffRole.Manager or StaffRole.Owner).Select(s => "@" + s.User.Id).Distinct().ToList();
        var waited = (int)Math.Round((context.Now - ticket.OpenedAt).TotalMinutes);
        var culture = context.Culture;
        var text = TicketText.Get(culture, "Escalated", ticket.Id, TicketDesk.Shorten(ticket.Subject, 80), waited,
            managers.Count == 0 ? TicketText.Get(culture, "NoManagers") : string.Join(' ', managers));
        return [new PostToStaff(ticket.Community, text)];
    }

    private static PostToStaff ToThread(Ticket ticket, string threadId, string text, CultureInfo culture) =>
        new(ticket.Community, TicketText.Get(culture, "RelayToStaff", ticket.MemberName, text), ThreadId: threadId)
        {
            Correlation = TicketDesk.LinePrefix + ticket.Id.ToString(CultureInfo.InvariantCulture),
        };
}
