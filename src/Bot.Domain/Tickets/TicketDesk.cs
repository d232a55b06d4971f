using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Tickets;

/// <summary>The result of asking for a ticket: the ticket, whether it was already open, and what to do.</summary>
public sealed record TicketOpening(Ticket Ticket, bool AlreadyOpen, IReadOnlyList<BotAction> Actions);

/// <summary>
/// Opens tickets, from <c>/ticket open</c>, the "talk to staff" button and moderation's appeals alike: one open
/// ticket per member and kind; a staff thread whose opening message tells staff who the member is; and the
/// first-response timer.
/// </summary>
public sealed class TicketDesk(ITicketStore store, ITicketMemberSummary summary, TicketOptions options) : IAppealDesk
{
    /// <summary>
    /// The ticket a staff message or command in the staff chat is about: its forum topic or thread, or (in a staff group
    /// without topics) the ticket card or a relayed member line it replies to. Only the staff chat's replies count:
    /// message ids are per chat.
    /// </summary>
    public static async Task<Ticket?> FindForStaffAsync(
        ITicketStore store, EventContext context, string channel, string? thread, string? replyTo, CancellationToken ct)
    {
        if (thread is not null)
        {
            return await store.FindByThreadAsync(context.Community, thread, ct);
        }

        if (replyTo is not null && channel == context.Settings.StaffChannelId
            && (await store.FindByThreadAsync(context.Community, replyTo, ct) ?? await store.FindByStaffMessageAsync(context.Community, replyTo, ct)) is { } carded)
        {
            return carded;
        }

        return await store.FindByThreadAsync(context.Community, channel, ct);
    }

    public const string Feature = "tickets";

    public static string Correlation(long id) => $"ticket:{id}";

    /// <summary>A member's line relayed to the staff thread reports its message id back under this prefix.</summary>
    public const string LinePrefix = "ticket-line:";

    public static string SlaKey(long id) => $"sla:{id}";

    public async Task<TicketOpening> OpenAsync(
        EventContext context, Member member, TicketKind kind, string subject, string? background, AppealRequest? appeal, CancellationToken ct)
    {
        var community = context.Community;
        if (await store.FindOpenAsync(community, member.User, kind, ct) is { } open)
        {
            return new TicketOpening(open, AlreadyOpen: true, []);
        }

        var ticket = await store.CreateAsync(
            new Ticket(0, community, member.User, member.DisplayName, kind, TicketStatus.Opening, subject, context.Now,
                ActingModerator: appeal?.ActingModerator, CaseRef: appeal?.CaseRef),
            ct);
        var culture = context.Culture;
        var text = await DescribeAsync(ticket, background, culture, ct);
        var title = TicketText.Get(culture, kind == TicketKind.Appeal ? "AppealTitle" : "TicketTitle", ticket.Id, Shorten(subject, 80));
        return new TicketOpening(ticket, AlreadyOpen: false,
        [
            new OpenStaffThread(community, title, text) { Correlation = Correlation(ticket.Id) },
            new ScheduleTimer(community, Feature, SlaKey(ticket.Id), context.Now + options.FirstResponseTarget, ticket.Id.ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    public async Task<IReadOnlyList<BotAction>> OpenAppealAsync(AppealRequest request, EventContext context, CancellationToken ct)
    {
        var subject = TicketText.Get(context.Culture, "AppealSubject", request.CaseRef);
        var opening = await OpenAsync(context, request.Member, TicketKind.Appeal, subject, request.Statement, request, ct);
        var key = opening.AlreadyOpen ? "AppealAlreadyOpen" : "AppealOpened";
        return [.. opening.Actions, new DirectMessage(context.Community, request.Member.User, TicketText.Get(context.Culture, key, opening.Ticket.Id))];
    }

    private async Task<string> DescribeAsync(Ticket ticket, string? background, CultureInfo culture, CancellationToken ct)
    {
        var facts = await summary.GetAsync(ticket.Community, ticket.Member, ct);
        var unknown = TicketText.Get(culture, "Unknown");
        var text = new StringBuilder()
            .AppendLine(TicketText.Get(culture, ticket.Kind == TicketKind.Appeal ? "AppealTitle" : "TicketTitle", ticket.Id, ticket.Subject))
            .AppendLine(TicketText.Get(culture, "FactMember", ticket.MemberName, ticket.Member.Id))
            .AppendLine(TicketText.Get(culture, "FactTier", facts.Tier ?? unknown))
            .AppendLine(TicketText.Get(culture, "FactInfractions",
                facts.Infractions?.ToString(culture) ?? unknown, facts.LastInfraction is null ? string.Empty : $" ({facts.LastInfraction})"))
            .AppendLine(TicketText.Get(culture, "FactMemberSince", facts.MemberSince?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? unknown));
        var recent = (await store.RecentForMemberAsync(ticket.Community, ticket.Member, options.RecentTicketsShown + 1, ct))
            .Where(t => t.Id != ticket.Id).Take(options.RecentTicketsShown).ToList();
        text.AppendLine(TicketText.Get(culture, "FactRecentTickets", recent.Count == 0
            ? TicketText.Get(culture, "None")
            : string.Join("; ", recent.Select(t => TicketText.Get(culture, "RecentTicket", t.Id, Shorten(t.Subject, 40), TicketText.Status(culture, t.Status),
                t.Rating is { } r ? $" ★{r}" : string.Empty)))));
        if (ticket.Kind == TicketKind.Appeal)
        {
            text.AppendLine(TicketText.Get(culture, "FactAppeal", ticket.CaseRef, ticket.ActingModerator?.Id));
        }

        if (!string.IsNullOrWhiteSpace(background))
        {
            text.AppendLine(TicketText.Get(culture, "FactBackground", Shorten(background, 1000)));
        }

        return text.Append(TicketText.Get(culture, ticket.Kind == TicketKind.Appeal ? "StaffHowToAppeal" : "StaffHowTo")).ToString();
    }

    internal static string Shorten(string text, int length) => text.Length > length ? text[..(length - 1)] + "…" : text;
}
