using Bot.Adapters.Postgres.Core;
using Bot.Domain.Model;
using Bot.Domain.Tickets;

namespace Bot.Adapters.Postgres.Tickets;

public sealed class PostgresTicketStore(DbSession db) : ITicketStore
{
    private const string Columns =
        """
        id, community, user_id, member_name, kind, status, subject, opened_at, thread_id, assignee_id, first_response_at,
        closed_at, closed_by, close_reason, rating, escalated_at, acting_moderator_id, case_ref, decision
        """;

    private const string Open = "status in ('opening', 'open')";

    public async Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct)
    {
        var id = await db.ExecuteScalarAsync<long>(
            """
            insert into tickets (community, user_id, member_name, kind, status, subject, opened_at, acting_moderator_id, case_ref)
            values (@c, @u, @MemberName, @kind, @status, @Subject, @OpenedAt, @acting, @CaseRef) returning id
            """,
            new
            {
                c = ticket.Community.ToString(), u = ticket.Member.Id, ticket.MemberName, kind = Name(ticket.Kind), status = Name(ticket.Status),
                ticket.Subject, ticket.OpenedAt, acting = ticket.ActingModerator?.Id, ticket.CaseRef,
            },
            ct);
        return ticket with { Id = id };
    }

    public async Task<Ticket?> GetAsync(CommunityRef community, long id, CancellationToken ct) =>
        await One($"select {Columns} from tickets where community = @c and id = @id", new { c = community.ToString(), id }, ct);

    public Task SaveAsync(Ticket ticket, CancellationToken ct) => db.ExecuteAsync(
        """
        update tickets set status = @status, thread_id = @ThreadId, assignee_id = @assignee, first_response_at = @FirstResponseAt,
            closed_at = @ClosedAt, closed_by = @closedBy, close_reason = @CloseReason, rating = @Rating, escalated_at = @EscalatedAt,
            decision = @Decision
        where id = @Id
        """,
        new
        {
            ticket.Id, status = Name(ticket.Status), ticket.ThreadId, assignee = ticket.Assignee?.Id, ticket.FirstResponseAt, ticket.ClosedAt,
            closedBy = ticket.ClosedBy?.Id, ticket.CloseReason, ticket.Rating, ticket.EscalatedAt, ticket.Decision,
        },
        ct);

    public Task<Ticket?> FindOpenAsync(CommunityRef community, UserRef member, TicketKind kind, CancellationToken ct) =>
        One($"select {Columns} from tickets where community = @c and user_id = @u and kind = @kind and {Open}",
            new { c = community.ToString(), u = member.Id, kind = Name(kind) }, ct);

    public Task<Ticket?> FindOpenForUserAsync(UserRef member, CancellationToken ct) =>
        One($"select {Columns} from tickets where user_id = @u and community like @platform and {Open} order by opened_at desc limit 1",
            new { u = member.Id, platform = member.Platform.ToString().ToLowerInvariant() + ":%" }, ct);

    public Task<Ticket?> FindByThreadAsync(CommunityRef community, string threadId, CancellationToken ct) =>
        One($"select {Columns} from tickets where community = @c and thread_id = @threadId", new { c = community.ToString(), threadId }, ct);

    public Task AddStaffMessageAsync(CommunityRef community, long ticketId, string messageId, CancellationToken ct) => db.ExecuteAsync(
        "insert into ticket_staff_messages (community, message_id, ticket_id) values (@c, @messageId, @ticketId) on conflict do nothing",
        new { c = community.ToString(), messageId, ticketId }, ct);

    public Task<Ticket?> FindByStaffMessageAsync(CommunityRef community, string messageId, CancellationToken ct) =>
        One($"""
            select {Columns} from tickets
            where id = (select m.ticket_id from ticket_staff_messages m where m.community = @c and m.message_id = @messageId) and community = @c
            """, new { c = community.ToString(), messageId }, ct);

    public async Task<IReadOnlyList<Ticket>> ListOpenAsync(CommunityRef community, CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>($"select {Columns} from tickets where community = @c and {Open} order by opened_at", new { c = community.ToString() }, ct))
            .Select(r => r.ToTicket())];

    public async Task<IReadOnlyList<Ticket>> RecentForMemberAsync(CommunityRef community, UserRef member, int limit, CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(
            $"select {Columns} from tickets where community = @c and user_id = @u order by opened_at desc, id desc limit @limit",
            new { c = community.ToString(), u = member.Id, limit }, ct)).Select(r => r.ToTicket())];

    public Task AppendAsync(TicketMessage message, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into ticket_messages (community, ticket_id, at, author_id, author_name, kind, text, relayed)
        select community, @TicketId, @At, @author, @AuthorName, @kind, @Text, @Relayed from tickets where id = @TicketId
        """,
        new { message.TicketId, message.At, author = message.Author.Id, message.AuthorName, kind = message.Kind.ToString().ToLowerInvariant(), message.Text, message.Relayed },
        ct);

    public async Task<IReadOnlyList<TicketMessage>> TranscriptAsync(long ticketId, CancellationToken ct)
    {
        var platform = await db.QuerySingleOrDefaultAsync<string>("select community from tickets where id = @ticketId", new { ticketId }, ct);
        if (platform is null)
        {
            return [];
        }

        var community = CommunityRef.Parse(platform);
        var rows = await db.QueryAsync<(DateTime At, string Author, string Name, string Kind, string Text, bool Relayed)>(
            "select at, author_id, author_name, kind, text, relayed from ticket_messages where ticket_id = @ticketId order by id", new { ticketId }, ct);
        return [.. rows.Select(r => new TicketMessage(
            ticketId, Utc.Of(r.At), new UserRef(community.Platform, r.Author), r.Name, Enum.Parse<TicketEntryKind>(r.Kind, ignoreCase: true), r.Text, r.Relayed))];
    }

    public Task MarkRelayedAsync(long ticketId, CancellationToken ct) =>
        db.ExecuteAsync("update ticket_messages set relayed = true where ticket_id = @ticketId and not relayed", new { ticketId }, ct);

    private async Task<Ticket?> One(string sql, object param, CancellationToken ct) =>
        (await db.QueryAsync<Row>(sql, param, ct)).FirstOrDefault()?.ToTicket();

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private sealed record Row(
        long id, string community, string user_id, string member_name, string kind, string status, string subject, DateTime opened_at,
        string? thread_id, string? assignee_id, DateTime? first_response_at, DateTime? closed_at, string? closed_by, string? close_reason,
        int? rating, DateTime? escalated_at, string? acting_moderator_id, string? case_ref, string? decision)
    {
        public Ticket ToTicket()
        {
            var c = CommunityRef.Parse(community);
            UserRef? User(string? id) => id is null ? null : new UserRef(c.Platform, id);
            return new Ticket(
                id, c, new UserRef(c.Platform, user_id), member_name, Enum.Parse<TicketKind>(kind, ignoreCase: true),
                Enum.Parse<TicketStatus>(status, ignoreCase: true), subject, Utc.Of(opened_at), thread_id, User(assignee_id),
                Utc.Of(first_response_at), Utc.Of(closed_at), User(closed_by), close_reason, rating, Utc.Of(escalated_at),
                User(acting_moderator_id), case_ref, decision);
        }
    }
}
