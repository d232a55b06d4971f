using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Tickets;

/// <summary>
/// <c>/ticket open</c> for members; <c>/ticket claim|transfer|close|note|decide</c> for staff inside a ticket's
/// thread; <c>/tickets [open|mine]</c>. A command's declaration cannot take both a subject and subcommands,
/// so members open with <c>/ticket open &lt;subject&gt;</c>.
/// </summary>
public sealed class TicketCommands(ITicketStore store, TicketDesk desk, IStaffStore staff, IAppealOutcomes outcomes) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("ticket", "TicketDescription", Permission.Everyone, TicketText.Texts, Subcommands:
        [
            new("open", "TicketOpenDescription", Permission.Everyone, TicketText.Texts, [new("subject", OptionKind.Text, "OptionSubject")]),
            new("claim", "TicketClaimDescription", Permission.HandleTickets, TicketText.Texts),
            new("transfer", "TicketTransferDescription", Permission.HandleTickets, TicketText.Texts, [new("staff", OptionKind.User, "OptionStaff")]),
            new("close", "TicketCloseDescription", Permission.HandleTickets, TicketText.Texts, [new("reason", OptionKind.Text, "OptionReason", Required: false)]),
            new("note", "TicketNoteDescription", Permission.HandleTickets, TicketText.Texts, [new("text", OptionKind.Text, "OptionNote")]),
            new("decide", "TicketDecideDescription", Permission.Moderate, TicketText.Texts,
            [
                new("outcome", OptionKind.Choice, "OptionOutcome", Choices: ["uphold", "overturn"]),
                new("reason", OptionKind.Text, "OptionReason", Required: false),
            ]),
        ]),
        new("tickets", "TicketsDescription", Permission.HandleTickets, TicketText.Texts,
        [
            new("filter", OptionKind.Choice, "OptionFilter", Required: false, Choices: ["open", "mine"]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (call.Path == "ticket open")
        {
            var opening = await desk.OpenAsync(call.Context, call.Caller, TicketKind.Support, call.Options.Text("subject"), null, null, ct);
            return [.. opening.Actions, call.Reply(TicketText.Get(culture, opening.AlreadyOpen ? "AlreadyOpen" : "Opened", opening.Ticket.Id), ephemeral: true)];
        }

        if (call.Path == "tickets")
        {
            return [call.Reply(await ListAsync(call, culture, ct), ephemeral: true)];
        }

        // Staff commands act on the ticket whose thread they are typed in.
        var thread = call.Invocation.ThreadId ?? call.Invocation.ChannelId;
        if (await store.FindByThreadAsync(call.Community, thread, ct) is not { } ticket)
        {
            return [call.Reply(TicketText.Get(culture, "NotInTicketThread"), ephemeral: true)];
        }

        if (!ticket.IsOpen)
        {
            return [call.Reply(TicketText.Get(culture, "TicketClosed", ticket.Id), ephemeral: true)];
        }

        return call.Path switch
        {
            "ticket claim" => await AssignAsync(call, ticket, call.Caller.User, culture, ct),
            "ticket transfer" => await TransferAsync(call, ticket, culture, ct),
            "ticket note" => await NoteAsync(call, ticket, culture, ct),
            "ticket close" => await CloseAsync(call, ticket, culture, ct),
            _ => await DecideAsync(call, ticket, culture, ct),
        };
    }

    private async Task<IReadOnlyList<BotAction>> TransferAsync(CommandCall call, Ticket ticket, CultureInfo culture, CancellationToken ct)
    {
        var to = call.Options.User("staff");
        if ((await staff.GetGrantsAsync(call.Community, to, ct)).Count == 0)
        {
            return [call.Reply(TicketText.Get(culture, "TransferNotStaff", to.Id), ephemeral: true)];
        }

        return await AssignAsync(call, ticket, to, culture, ct);
    }

    private async Task<IReadOnlyList<BotAction>> AssignAsync(CommandCall call, Ticket ticket, UserRef to, CultureInfo culture, CancellationToken ct)
    {
        await store.SaveAsync(ticket with { Assignee = to }, ct);
        var text = TicketText.Get(culture, to == call.Caller.User ? "Claimed" : "Transferred", ticket.Id, to.Id, call.Caller.DisplayName);
        await store.AppendAsync(new TicketMessage(ticket.Id, call.Context.Now, call.Caller.User, call.Caller.DisplayName, TicketEntryKind.System, text), ct);
        return [call.Reply(text)];
    }

    private async Task<IReadOnlyList<BotAction>> NoteAsync(CommandCall call, Ticket ticket, CultureInfo culture, CancellationToken ct)
    {
        await store.AppendAsync(new TicketMessage(ticket.Id, call.Context.Now, call.Caller.User, call.Caller.DisplayName, TicketEntryKind.Note, call.Options.Text("text")), ct);
        return [call.Reply(TicketText.Get(culture, "Noted", ticket.Id), ephemeral: true)];
    }

    private async Task<IReadOnlyList<BotAction>> CloseAsync(CommandCall call, Ticket ticket, CultureInfo culture, CancellationToken ct)
    {
        if (ticket.Kind == TicketKind.Appeal)
        {
            return [call.Reply(TicketText.Get(culture, "AppealUseDecide"), ephemeral: true)];
        }

        var reason = call.Options.OptionalText("reason") ?? TicketText.Get(culture, "NoReason");
        var closed = await FinishAsync(call, ticket, reason, null, ct);
        var stars = Enumerable.Range(1, 5).Select(n => new Button(new string('★', n), TicketButtons.Rate(ticket.Id, n))).ToList();
        return
        [
            .. Closing(call, closed, TicketText.Get(culture, "ClosedStaff", ticket.Id, call.Caller.DisplayName, reason), await TranscriptAsync(closed, call, ct)),
            new DirectMessage(ticket.Community, ticket.Member, TicketText.Get(culture, "ClosedMember", ticket.Id, reason), stars),
        ];
    }

    private async Task<IReadOnlyList<BotAction>> DecideAsync(CommandCall call, Ticket ticket, CultureInfo culture, CancellationToken ct)
    {
        if (ticket.Kind != TicketKind.Appeal)
        {
            return [call.Reply(TicketText.Get(culture, "NotAnAppeal", ticket.Id), ephemeral: true)];
        }

        if (ticket.ActingModerator == call.Caller.User || ticket.Member == call.Caller.User)
        {
            return [call.Reply(TicketText.Get(culture, "AppealSameModerator"), ephemeral: true)];
        }

        var overturned = call.Options.Choice("outcome") == "overturn";
        var reason = call.Options.OptionalText("reason") ?? TicketText.Get(culture, "NoReason");
        var closed = await FinishAsync(call, ticket, reason, overturned ? "overturned" : "upheld", ct);
        var outcome = TicketText.Get(culture, overturned ? "Overturned" : "Upheld");
        var decision = new AppealDecision(ticket.Community, ticket.Id, ticket.CaseRef ?? string.Empty, ticket.Member, call.Caller.User, overturned, reason, call.Context.Now);
        return
        [
            .. Closing(call, closed, TicketText.Get(culture, "DecidedStaff", ticket.Id, call.Caller.DisplayName, outcome, reason), await TranscriptAsync(closed, call, ct)),
            new DirectMessage(ticket.Community, ticket.Member, TicketText.Get(culture, "DecidedMember", ticket.Id, outcome, reason)),
            .. await outcomes.DecidedAsync(decision, call.Context, ct),
        ];
    }

    private async Task<Ticket> FinishAsync(CommandCall call, Ticket ticket, string reason, string? decision, CancellationToken ct)
    {
        var closed = ticket with
        {
            Status = TicketStatus.Closed, ClosedAt = call.Context.Now, ClosedBy = call.Caller.User, CloseReason = reason, Decision = decision,
        };
        await store.SaveAsync(closed, ct);
        await store.AppendAsync(new TicketMessage(ticket.Id, call.Context.Now, call.Caller.User, call.Caller.DisplayName, TicketEntryKind.System, $"closed: {reason}"), ct);
        return closed;
    }

    private static IEnumerable<BotAction> Closing(CommandCall call, Ticket ticket, string text, Attachment transcript) =>
    [
        new CancelTimer(ticket.Community, TicketDesk.Feature, TicketDesk.SlaKey(ticket.Id)),
        new PostToStaff(ticket.Community, text, File: transcript, ThreadId: ticket.ThreadId),
        call.Reply(TicketText.Get(call.Context.Culture, "ClosedReply", ticket.Id), ephemeral: true),
    ];

    private async Task<Attachment> TranscriptAsync(Ticket ticket, CommandCall call, CancellationToken ct)
    {
        var zone = call.Context.Settings.Zone;
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"#{ticket.Id} {ticket.Subject}");
        foreach (var line in await store.TranscriptAsync(ticket.Id, ct))
        {
            var at = TimeZoneInfo.ConvertTime(line.At, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture, $"[{at}] {line.AuthorName} ({line.Kind.ToString().ToLowerInvariant()}): {line.Text}");
        }

        return new Attachment($"ticket-{ticket.Id}.txt", "text/plain", Encoding.UTF8.GetBytes(text.ToString()));
    }

    private async Task<string> ListAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var mine = call.Options.OptionalChoice("filter") == "mine";
        var open = (await store.ListOpenAsync(call.Community, ct)).Where(t => !mine || t.Assignee == call.Caller.User).ToList();
        if (open.Count == 0)
        {
            return TicketText.Get(culture, mine ? "NoneMine" : "NoneOpen");
        }

        var text = new StringBuilder(TicketText.Get(culture, mine ? "ListMine" : "ListOpen", open.Count)).AppendLine();
        foreach (var t in open)
        {
            var waited = DurationParser.Format(TimeSpan.FromMinutes(Math.Max(1, Math.Round((call.Context.Now - t.OpenedAt).TotalMinutes))));
            text.AppendLine(TicketText.Get(culture, "ListLine", t.Id, TicketDesk.Shorten(t.Subject, 50), t.MemberName, waited,
                t.Assignee?.Id ?? TicketText.Get(culture, "Unassigned"), t.Kind == TicketKind.Appeal ? TicketText.Get(culture, "KindAppeal") : string.Empty));
        }

        return text.ToString().TrimEnd();
    }
}
