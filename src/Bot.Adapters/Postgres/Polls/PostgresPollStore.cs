using Bot.Adapters.Postgres.Core;
using Bot.Domain.Model;
using Bot.Domain.Polls;

namespace Bot.Adapters.Postgres.Polls;

public sealed class PostgresPollStore(DbSession db) : IPollStore
{
    public Task<long> CreateAsync(Poll poll, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into polls (community, question, options, created_by, channel_id, created_at, closes_at)
        values (@c, @Question, @options, @by, @ChannelId, @CreatedAt, @ClosesAt)
        returning id
        """,
        new { c = poll.Community.ToString(), poll.Question, options = poll.Options.ToArray(), by = poll.CreatedBy.Id, poll.ChannelId, poll.CreatedAt, poll.ClosesAt },
        ct);

    public async Task<Poll?> GetAsync(CommunityRef community, long id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<PollRow>(
            """
            select question as Question, options as Options, created_by as CreatedBy, channel_id as ChannelId, message_id as MessageId,
                   created_at as CreatedAt, closes_at as ClosesAt, closed_at as ClosedAt
            from polls where community = @c and id = @id
            """,
            new { c = community.ToString(), id }, ct);
        return row is null
            ? null
            : new Poll(id, community, row.Question, row.Options, new UserRef(community.Platform, row.CreatedBy), row.ChannelId, row.MessageId,
                Utc.Of(row.CreatedAt), Utc.Of(row.ClosesAt), Utc.Of(row.ClosedAt));
    }

    public Task SetMessageAsync(CommunityRef community, long id, string messageId, CancellationToken ct) => db.ExecuteAsync(
        "update polls set message_id = @messageId where community = @c and id = @id", new { c = community.ToString(), id, messageId }, ct);

    public async Task<bool> CloseAsync(CommunityRef community, long id, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            "update polls set closed_at = @at where community = @c and id = @id and closed_at is null", new { c = community.ToString(), id, at }, ct) > 0;

    public async Task<int?> VoteAsync(CommunityRef community, long id, UserRef user, int option, DateTimeOffset at, CancellationToken ct)
    {
        // The row is locked for the change, so two presses of one member in flight leave one vote.
        var before = await db.QueryAsync<int>(
            "select option from poll_votes where poll_id = @id and user_id = @u for update", new { id, u = user.Id }, ct);
        await db.ExecuteAsync(
            """
            insert into poll_votes (poll_id, community, user_id, option, at) values (@id, @c, @u, @option, @at)
            on conflict (poll_id, user_id) do update set option = excluded.option, at = excluded.at
            """,
            new { id, c = community.ToString(), u = user.Id, option, at }, ct);
        return before is [var previous] ? previous : null;
    }

    public async Task<IReadOnlyList<int>> CountsAsync(long id, int options, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(int Option, int Votes)>(
            "select option, count(*)::int from poll_votes where poll_id = @id group by option", new { id }, ct);
        var counts = new int[options];
        foreach (var (option, votes) in rows.Where(r => r.Option >= 0 && r.Option < options))
        {
            counts[option] = votes;
        }

        return counts;
    }

    private sealed class PollRow
    {
        public string Question { get; set; } = string.Empty;

        public string[] Options { get; set; } = [];

        public string CreatedBy { get; set; } = string.Empty;

        public string ChannelId { get; set; } = string.Empty;

        public string? MessageId { get; set; }

        public DateTime CreatedAt { get; set; }

        public DateTime ClosesAt { get; set; }

        public DateTime? ClosedAt { get; set; }
    }
}
