using Bot.Adapters.Postgres.Core;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Adapters.Postgres.Engagement;

public sealed class PostgresGiveawayStore(DbSession db) : IGiveawayStore
{
    private const string Columns =
        """
        id as Id, channel_id as ChannelId, message_id as MessageId, prize as Prize, winners as Winners, min_tier as MinTier,
        min_account_age_seconds as MinAccountAge, min_membership_age_seconds as MinMembershipAge, started_by as StartedBy,
        started_at as StartedAt, ends_at as EndsAt, seed as Seed, commitment as Commitment, ended_at as EndedAt, drawn as Drawn
        """;

    public Task<long> CreateAsync(Giveaway giveaway, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into giveaways (community, channel_id, prize, winners, min_tier, min_account_age_seconds, min_membership_age_seconds,
            started_by, started_at, ends_at, seed, commitment)
        values (@c, @ChannelId, @Prize, @Winners, @tier, @account, @membership, @by, @StartedAt, @EndsAt, @Seed, @Commitment)
        returning id
        """,
        new
        {
            c = giveaway.Community.ToString(), giveaway.ChannelId, giveaway.Prize, giveaway.Winners, tier = giveaway.Requirements.MinTier is { } t ? TierNames.Of(t) : null,
            account = Seconds(giveaway.Requirements.MinAccountAge), membership = Seconds(giveaway.Requirements.MinMembershipAge),
            by = giveaway.StartedBy.Id, giveaway.StartedAt, giveaway.EndsAt, giveaway.Seed, giveaway.Commitment,
        },
        ct);

    public Task<Giveaway?> GetAsync(CommunityRef community, long id, CancellationToken ct) => ReadAsync(community, id, string.Empty, ct);

    public Task<Giveaway?> LockAsync(CommunityRef community, long id, CancellationToken ct) => ReadAsync(community, id, "for update", ct);

    public Task SetMessageAsync(CommunityRef community, long id, string messageId, CancellationToken ct) => db.ExecuteAsync(
        "update giveaways set message_id = @messageId where community = @c and id = @id",
        new { c = community.ToString(), id, messageId }, ct);

    public async Task<bool> EnterAsync(CommunityRef community, long id, Entrant entrant, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            // The share lock waits for an end in progress, and the re-read then sees it ended: no entry slips in after the draw.
            """
            with open as (select id from giveaways where community = @c and id = @id and ended_at is null for share)
            insert into giveaway_entries (community, giveaway_id, user_id, display_name, entered_at)
            select @c, id, @UserId, @DisplayName, @at from open
            on conflict do nothing
            """,
            new { c = community.ToString(), id, entrant.UserId, entrant.DisplayName, at }, ct) > 0;

    public async Task<IReadOnlyList<Entrant>> EntrantsAsync(CommunityRef community, long id, CancellationToken ct) =>
        await db.QueryAsync<Entrant>(
            """
            select e.user_id as UserId, e.display_name as DisplayName from giveaway_entries e
            join giveaways g on g.id = e.giveaway_id
            where g.community = @c and g.id = @id order by e.user_id collate "C"
            """,
            new { c = community.ToString(), id }, ct);

    public Task SaveDrawAsync(CommunityRef community, long id, DateTimeOffset endedAt, IReadOnlyList<string> drawn, CancellationToken ct) =>
        db.ExecuteAsync(
            "update giveaways set ended_at = coalesce(ended_at, @endedAt), drawn = @drawn where community = @c and id = @id",
            new { c = community.ToString(), id, endedAt, drawn = drawn.ToArray() }, ct);

    private async Task<Giveaway?> ReadAsync(CommunityRef community, long id, string locking, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            $"select {Columns} from giveaways where community = @c and id = @id {locking}", new { c = community.ToString(), id }, ct);
        return rows.Count == 0 ? null : rows[0].ToGiveaway(community);
    }

    private static long? Seconds(TimeSpan? span) => span is { } s ? (long)s.TotalSeconds : null;

    /// <summary>Settable properties rather than a constructor: Dapper reports <c>text[]</c> as <see cref="Array"/> when matching constructors.</summary>
    private sealed class Row
    {
        public long Id { get; set; }

        public string ChannelId { get; set; } = string.Empty;

        public string? MessageId { get; set; }

        public string Prize { get; set; } = string.Empty;

        public int Winners { get; set; }

        public string? MinTier { get; set; }

        public long? MinAccountAge { get; set; }

        public long? MinMembershipAge { get; set; }

        public string StartedBy { get; set; } = string.Empty;

        public DateTime StartedAt { get; set; }

        public DateTime EndsAt { get; set; }

        public byte[] Seed { get; set; } = [];

        public string Commitment { get; set; } = string.Empty;

        public DateTime? EndedAt { get; set; }

        public string[] Drawn { get; set; } = [];

        public Giveaway ToGiveaway(CommunityRef community) => new(
            Id, community, ChannelId, MessageId, Prize, Winners,
            new GiveawayRequirements(MinTier is null ? null : TierNames.Parse(MinTier), Span(MinAccountAge), Span(MinMembershipAge)),
            new UserRef(community.Platform, StartedBy), Utc.Of(StartedAt), Utc.Of(EndsAt), Seed, Commitment, Utc.Of(EndedAt), Drawn);

        private static TimeSpan? Span(long? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;
    }
}
