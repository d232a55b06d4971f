using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Domain.Invites;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Invites;

/// <summary>Invite links, link requests and joins; statuses are stored by their enum names.</summary>
public sealed class PostgresInviteStore(DbSession db) : IInviteStore
{
    private const string NotCounted = "('Expired', 'Rejoin', 'TooYoung', 'SelfInvite')";

    public Task<InviteLink?> LinkOfAsync(CommunityRef community, UserRef owner, CancellationToken ct) => OneLinkAsync(
        community, "select code, url, user_id, created_at from invite_links where community = @c and user_id = @k order by created_at desc limit 1", owner.Id, ct);

    public Task<InviteLink?> FindLinkAsync(CommunityRef community, string code, CancellationToken ct) => OneLinkAsync(
        community, "select code, url, user_id, created_at from invite_links where community = @c and code = @k", code, ct);

    public Task SaveLinkAsync(InviteLink link, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into invite_links (community, code, url, user_id, created_at) values (@c, @Code, @Url, @u, @CreatedAt)
        on conflict (community, code) do update set url = excluded.url, user_id = excluded.user_id
        """,
        new { c = link.Community.ToString(), link.Code, link.Url, u = link.Owner.Id, link.CreatedAt }, ct);

    public Task SaveRequestAsync(InviteRequest r, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into invite_requests (correlation, community, user_id, channel_id, message_id, interaction_id, thread_id)
        values (@Correlation, @c, @u, @ChannelId, @MessageId, @InteractionId, @ThreadId) on conflict do nothing
        """,
        new { r.Correlation, c = r.Community.ToString(), u = r.User.Id, r.ChannelId, r.MessageId, r.InteractionId, r.ThreadId }, ct);

    public async Task<InviteRequest?> TakeRequestAsync(string correlation, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Community, string UserId, string Channel, string? Message, string? Interaction, string? Thread)>(
            "delete from invite_requests where correlation = @correlation returning community, user_id, channel_id, message_id, interaction_id, thread_id",
            new { correlation }, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var r = rows[0];
        var community = CommunityRef.Parse(r.Community);
        return new InviteRequest(correlation, community, new UserRef(community.Platform, r.UserId), r.Channel, r.Message, r.Interaction, r.Thread);
    }

    public Task<bool> HasJoinedBeforeAsync(CommunityRef community, UserRef user, CancellationToken ct) => db.ExecuteScalarAsync<bool>(
        "select exists (select 1 from invite_joins where community = @c and user_id = @u)", new { c = community.ToString(), u = user.Id }, ct);

    public Task<long> AddJoinAsync(InviteJoin j, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into invite_joins (community, user_id, display_name, code, inviter_id, joined_at, certain, status, messages, left_at)
        values (@c, @u, @DisplayName, @Code, @inviter, @JoinedAt, @Certain, @status, @Messages, @LeftAt) returning id
        """,
        new
        {
            c = j.Community.ToString(), u = j.User.Id, j.DisplayName, j.Code, inviter = j.Inviter.Id, j.JoinedAt, j.Certain,
            status = j.Status.ToString(), j.Messages, j.LeftAt,
        },
        ct);

    public async Task<InviteJoin?> GetJoinAsync(CommunityRef community, long id, bool forUpdate, CancellationToken ct)
    {
        var rows = await db.QueryAsync<JoinRow>(
            $"""
            select id, user_id, display_name, code, inviter_id, joined_at, certain, status, messages, left_at
            from invite_joins where community = @c and id = @id{(forUpdate ? " for update" : string.Empty)}
            """,
            new { c = community.ToString(), id }, ct);
        return rows.Count == 0 ? null : rows[0].ToJoin(community);
    }

    public async Task<bool> MoveAsync(CommunityRef community, long id, InviteStatus from, InviteStatus to, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            "update invite_joins set status = @to, decided_at = @at where community = @c and id = @id and status = @from",
            new { c = community.ToString(), id, from = from.ToString(), to = to.ToString(), at }, ct) > 0;

    /// <summary>
    /// Messages of invited members, counted up in the batch and added in one statement at its end: the pending joins are
    /// locked in key order first, so batches counting the same members do not deadlock.
    /// </summary>
    public static readonly BatchSink<(string, string), (string C, string U, int N)> MessageCounts = new(
        "invite_joins", BatchKeys.Order, (earlier, later) => earlier with { N = earlier.N + later.N }, rows => (
        """
        with k as (select * from unnest(@c, @u, @n) k(c, u, n)),
        locked as (
            select j.id, k.n from invite_joins j join k on j.community = k.c and j.user_id = k.u
            where j.status = 'Pending' order by j.community, j.user_id, j.id for update of j)
        update invite_joins j set messages = j.messages + locked.n from locked where j.id = locked.id
        """,
        new { c = rows.Select(r => r.C).ToArray(), u = rows.Select(r => r.U).ToArray(), n = rows.Select(r => r.N).ToArray() }));

    public Task CountMessageAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        return db.WriteAsync(MessageCounts, (community.ToString(), user.Id), (community.ToString(), user.Id, 1), ct);
    }

    public Task MarkLeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        update invite_joins set left_at = @at, status = case when status = 'Pending' then 'Left' else status end
        where community = @c and user_id = @u and left_at is null
        """,
        new { c = community.ToString(), u = user.Id, at }, ct);

    public async Task<InviteSummary> SummaryAsync(CommunityRef community, UserRef inviter, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<(int Pending, int Qualified, int Rewarded, int Left, int NotCounted)>(
            $"""
            select count(*) filter (where status = 'Pending')::int, count(*) filter (where status = 'Qualified')::int,
                count(*) filter (where status = 'Rewarded')::int, count(*) filter (where status = 'Left')::int,
                count(*) filter (where status in {NotCounted})::int
            from invite_joins where community = @c and inviter_id = @u
            """,
            new { c = community.ToString(), u = inviter.Id }, ct);
        return new InviteSummary(row.Pending, row.Qualified, row.Rewarded, row.Left, row.NotCounted);
    }

    public async Task<IReadOnlyList<InviterCount>> TopAsync(CommunityRef community, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string UserId, string Name, int Rewarded, int Pending)>(
            """
            select j.inviter_id, coalesce(m.display_name, j.inviter_id),
                count(*) filter (where j.status = 'Rewarded')::int as rewarded, count(*) filter (where j.status = 'Pending')::int as pending
            from invite_joins j left join members m on m.community = j.community and m.user_id = j.inviter_id
            where j.community = @c and j.status in ('Rewarded', 'Pending')
            group by j.inviter_id, m.display_name
            order by rewarded desc, pending desc, j.inviter_id limit @limit
            """,
            new { c = community.ToString(), limit }, ct);
        return [.. rows.Select(r => new InviterCount(new UserRef(community.Platform, r.UserId), r.Name, r.Rewarded, r.Pending))];
    }

    public async Task<IReadOnlyList<LinkReport>> ReportAsync(CommunityRef community, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Url, string Owner, int Joins, int P7, int E7, int P30, int E30)>(
            """
            select l.url, coalesce(m.display_name, l.user_id), count(j.id)::int as joins,
                count(j.id) filter (where j.joined_at <= @now - interval '7 days'
                    and (j.left_at is null or j.left_at >= j.joined_at + interval '7 days'))::int,
                count(j.id) filter (where j.joined_at <= @now - interval '7 days')::int,
                count(j.id) filter (where j.joined_at <= @now - interval '30 days'
                    and (j.left_at is null or j.left_at >= j.joined_at + interval '30 days'))::int,
                count(j.id) filter (where j.joined_at <= @now - interval '30 days')::int
            from invite_links l
            left join invite_joins j on j.community = l.community and j.code = l.code and j.status <> 'SelfInvite'
            left join members m on m.community = l.community and m.user_id = l.user_id
            where l.community = @c
            group by l.url, l.user_id, l.created_at, m.display_name
            order by joins desc, l.created_at limit 50
            """,
            new { c = community.ToString(), now }, ct);
        return [.. rows.Select(r => new LinkReport(r.Url, r.Owner, r.Joins, r.P7, r.E7, r.P30, r.E30))];
    }

    private async Task<InviteLink?> OneLinkAsync(CommunityRef community, string sql, string key, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Code, string Url, string UserId, DateTime CreatedAt)>(sql, new { c = community.ToString(), k = key }, ct);
        return rows.Count == 0 ? null : new InviteLink(community, rows[0].Code, rows[0].Url, new UserRef(community.Platform, rows[0].UserId), Utc.Of(rows[0].CreatedAt));
    }

    private sealed record JoinRow(
        long id, string user_id, string display_name, string code, string inviter_id, DateTime joined_at, bool certain, string status, int messages, DateTime? left_at)
    {
        public InviteJoin ToJoin(CommunityRef community) => new(
            id, community, new UserRef(community.Platform, user_id), display_name, code, new UserRef(community.Platform, inviter_id),
            Utc.Of(joined_at), certain, Enum.Parse<InviteStatus>(status), messages, Utc.Of(left_at));
    }
}
