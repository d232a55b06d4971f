using Bot.Adapters.Postgres.Core;
using Bot.Domain.Engagement.Contests;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Engagement;

public sealed class PostgresContestStore(DbSession db) : IContestStore
{
    private const string EntryColumns = "e.id, e.contest_id, e.user_id, e.display_name, e.text, e.at";

    public Task<long> CreateAsync(Contest contest, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        "insert into contests (community, channel_id, title, deadline, created_by) values (@c, @ChannelId, @Title, @Deadline, @by) returning id",
        new { c = contest.Community.ToString(), contest.ChannelId, contest.Title, contest.Deadline, by = contest.CreatedBy.Id }, ct);

    public Task<Contest?> GetAsync(CommunityRef community, long id, CancellationToken ct) => ReadAsync(community, id, string.Empty, ct);

    public Task<Contest?> LockAsync(CommunityRef community, long id, CancellationToken ct) => ReadAsync(community, id, "for update", ct);

    public Task CloseAsync(CommunityRef community, long id, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        "update contests set closed_at = coalesce(closed_at, @at) where community = @c and id = @id", new { c = community.ToString(), id, at }, ct);

    public async Task<ContestEntry?> EntryOfAsync(CommunityRef community, long contestId, string userId, CancellationToken ct) =>
        Map(await db.QueryAsync<EntryRow>(
            $"select {EntryColumns} from contest_entries e join contests c on c.id = e.contest_id where c.community = @c and c.id = @contestId and e.user_id = @userId",
            new { c = community.ToString(), contestId, userId }, ct)).FirstOrDefault();

    public async Task<ContestEntry?> EntryAsync(CommunityRef community, long entryId, CancellationToken ct) =>
        Map(await db.QueryAsync<EntryRow>(
            $"select {EntryColumns} from contest_entries e join contests c on c.id = e.contest_id where c.community = @c and e.id = @entryId",
            new { c = community.ToString(), entryId }, ct)).FirstOrDefault();

    public Task<long> SubmitAsync(CommunityRef community, ContestEntry entry, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into contest_entries (community, contest_id, user_id, display_name, text, at)
        select community, id, @UserId, @DisplayName, @Text, @At from contests where community = @c and id = @ContestId
        returning id
        """,
        new { c = community.ToString(), entry.ContestId, entry.UserId, entry.DisplayName, entry.Text, entry.At }, ct);

    public async Task<long?> VoteOfAsync(CommunityRef community, long contestId, string voterId, CancellationToken ct) =>
        (await db.QueryAsync<long>(
            "select v.entry_id from contest_votes v join contests c on c.id = v.contest_id where c.community = @c and c.id = @contestId and v.voter_id = @voterId",
            new { c = community.ToString(), contestId, voterId }, ct)) is [var entryId] ? entryId : null;

    public Task VoteAsync(CommunityRef community, long contestId, string voterId, long entryId, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into contest_votes (community, contest_id, voter_id, entry_id, at)
        select community, id, @voterId, @entryId, @at from contests where community = @c and id = @contestId
        on conflict (contest_id, voter_id) do update set entry_id = excluded.entry_id, at = excluded.at
        """,
        new { c = community.ToString(), contestId, voterId, entryId, at }, ct);

    public async Task<IReadOnlyList<ContestStanding>> StandingsAsync(CommunityRef community, long contestId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<StandingRow>(
            $"""
            select {EntryColumns}, count(v.voter_id)::int as votes
            from contest_entries e join contests c on c.id = e.contest_id left join contest_votes v on v.entry_id = e.id
            where c.community = @c and c.id = @contestId
            group by e.id order by votes desc, e.at, e.id
            """,
            new { c = community.ToString(), contestId }, ct);
        return [.. rows.Select(r => new ContestStanding(new EntryRow(r.id, r.contest_id, r.user_id, r.display_name, r.text, r.at).ToEntry(), r.votes))];
    }

    private async Task<Contest?> ReadAsync(CommunityRef community, long id, string locking, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(long Id, string ChannelId, string Title, DateTime Deadline, string CreatedBy, DateTime? ClosedAt)>(
            $"select id, channel_id, title, deadline, created_by, closed_at from contests where community = @c and id = @id {locking}",
            new { c = community.ToString(), id }, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var r = rows[0];
        return new Contest(r.Id, community, r.ChannelId, r.Title, Utc.Of(r.Deadline), new UserRef(community.Platform, r.CreatedBy), Utc.Of(r.ClosedAt));
    }

    private static IEnumerable<ContestEntry> Map(IReadOnlyList<EntryRow> rows) => rows.Select(r => r.ToEntry());

    private sealed record EntryRow(long id, long contest_id, string user_id, string display_name, string text, DateTime at)
    {
        public ContestEntry ToEntry() => new(id, contest_id, user_id, display_name, text, Utc.Of(at));
    }

    private sealed record StandingRow(long id, long contest_id, string user_id, string display_name, string text, DateTime at, int votes);
}
