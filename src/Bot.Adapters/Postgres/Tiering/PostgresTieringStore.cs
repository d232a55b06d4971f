using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Adapters.Postgres.Tiering;

/// <summary>
/// Tier standings and settings. A community's settings are read on every message (is the recompute scheduled?),
/// so they go through the per-process <see cref="HotCache{TKey, TValue}"/>; a save here drops the entry.
/// </summary>
public sealed class PostgresTieringStore(DbSession db, HotCache<CommunityRef, TierCommunity?>? communities = null) : ITieringStore
{
    private readonly HotCache<CommunityRef, TierCommunity?> _communities = communities ?? new(TimeProvider.System);

    private const string Columns =
        "user_id, activity, contribution, spending, score_at, tier, below_since, last_message_at, last_message_hash";

    /// <summary>Standings go out set-based at the end of the batch; the newer of two writes of a member wins.</summary>
    public static readonly BatchSink<(string, string), TierStanding> Sink = new("tier_members", BatchKeys.Order, (_, later) => later, rows => (
        """
        insert into tier_members (community, user_id, activity, contribution, spending, score_at, tier, below_since, last_message_at, last_message_hash)
        select * from unnest(@c, @u, @activity, @contribution, @spending, @scoreAt, @tier, @belowSince, @lastAt, @lastHash)
        on conflict (community, user_id) do update set activity = excluded.activity, contribution = excluded.contribution,
            spending = excluded.spending, score_at = excluded.score_at,
            tier_changed_at = case when tier_members.tier <> excluded.tier then excluded.score_at else tier_members.tier_changed_at end,
            tier = excluded.tier, below_since = excluded.below_since,
            last_message_at = excluded.last_message_at, last_message_hash = excluded.last_message_hash
        """,
        new
        {
            c = rows.Select(r => r.Community.ToString()).ToArray(),
            u = rows.Select(r => r.User.Id).ToArray(),
            activity = rows.Select(r => r.Activity).ToArray(),
            contribution = rows.Select(r => r.Contribution).ToArray(),
            spending = rows.Select(r => r.Spending).ToArray(),
            scoreAt = rows.Select(r => r.ScoreAt.UtcDateTime).ToArray(),
            tier = rows.Select(r => (short)r.Tier).ToArray(),
            belowSince = rows.Select(r => r.BelowSince?.UtcDateTime).ToArray(),
            lastAt = rows.Select(r => r.LastMessageAt?.UtcDateTime).ToArray(),
            lastHash = rows.Select(r => r.LastMessageHash).ToArray(),
        }));

    public const string Loaded = "tier_members";

    // The batch's own write first, then what the preloader read (and locked) for the batch, then the database.
    public async Task<TierStanding?> GetAsync(CommunityRef community, UserRef user, bool forUpdate, CancellationToken ct)
    {
        var key = (community.ToString(), user.Id);
        if (db.TryPending(Sink, key, out var pending))
        {
            return pending;
        }

        if (db.Loaded<(string, string), TierStanding?>(Loaded).TryGetValue(key, out var loaded))
        {
            return loaded;
        }

        var rows = await db.QueryAsync<StandingRow>(
            $"select {Columns} from tier_members where community = @c and user_id = @u{(forUpdate ? " for update" : string.Empty)}",
            new { c = community.ToString(), u = user.Id }, ct);
        return rows.Count == 0 ? null : rows[0].ToStanding(community);
    }

    public Task SaveAsync(TierStanding s, CancellationToken ct)
    {
        return db.WriteAsync(Sink, (s.Community.ToString(), s.User.Id), s, ct);
    }

    /// <summary>The standings of a batch's authors, read and locked in key order in one statement (so batches do not deadlock).</summary>
    public sealed class Preload : IBatchPreloader
    {
        public bool LocksRows => true;

        public async Task PreloadAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            var keys = BatchKeys.Authors(events);
            if (keys.Count == 0)
            {
                return;
            }

            var rows = await db.QueryAsync<KeyedStandingRow>(
                $"""
                select t.community, {Columns} from tier_members t join unnest(@c, @u) k(c, u) on t.community = k.c and t.user_id = k.u
                order by t.community, t.user_id for update of t
                """,
                new { c = keys.Select(k => k.Community).ToArray(), u = keys.Select(k => k.User).ToArray() }, ct);
            var loaded = db.Loaded<(string, string), TierStanding?>(Loaded);
            foreach (var key in keys)
            {
                loaded[key] = null;
            }

            foreach (var row in rows)
            {
                loaded[(row.community, row.user_id)] = row.Row.ToStanding(CommunityRef.Parse(row.community));
            }
        }
    }

    private sealed record KeyedStandingRow(
        string community, string user_id, double activity, double contribution, double spending, DateTime score_at, short tier,
        DateTime? below_since, DateTime? last_message_at, long? last_message_hash)
    {
        public StandingRow Row => new(user_id, activity, contribution, spending, score_at, tier, below_since, last_message_at, last_message_hash);
    }

    public async Task<bool> AppendAsync(PointEntry e, CancellationToken ct) => await db.ExecuteAsync(
        """
        insert into tier_ledger (community, user_id, at, kind, points, actor_id, reference, note)
        values (@c, @u, @At, @kind, @Points, @actor, @Reference, @Note)
        on conflict (community, reference) where reference is not null do nothing
        """,
        new { c = e.Community.ToString(), u = e.User.Id, e.At, kind = e.Kind.ToString(), e.Points, actor = e.Actor?.Id, e.Reference, e.Note }, ct) > 0;

    public Task<int> CountGivenAsync(CommunityRef community, UserRef actor, PointKind kind, DateTimeOffset since, CancellationToken ct) =>
        db.ExecuteScalarAsync<int>(
            "select count(*)::int from tier_ledger where community = @c and actor_id = @a and kind = @kind and at >= @since",
            new { c = community.ToString(), a = actor.Id, kind = kind.ToString(), since }, ct);

    public async Task<bool> MarkReactionAsync(CommunityRef community, string channelId, string messageId, UserRef by, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            "insert into tier_reactions (community, channel_id, message_id, by_id, at) values (@c, @channelId, @messageId, @b, @at) on conflict do nothing",
            new { c = community.ToString(), channelId, messageId, b = by.Id, at }, ct) > 0;

    public Task<int> CountReactionsGivenAsync(CommunityRef community, UserRef by, DateTimeOffset since, CancellationToken ct) =>
        db.ExecuteScalarAsync<int>(
            "select count(*)::int from tier_reactions where community = @c and by_id = @b and at >= @since",
            new { c = community.ToString(), b = by.Id, since }, ct);

    public Task<TierCommunity?> GetCommunityAsync(CommunityRef community, CancellationToken ct) =>
        _communities.GetAsync(community, () => LoadCommunityAsync(community, ct));

    private async Task<TierCommunity?> LoadCommunityAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(double Active, double Core, double Leader, string? Channel, bool Scheduled)>(
            "select active, core, leader, announce_channel, recompute_scheduled from tier_communities where community = @c",
            new { c = community.ToString() }, ct);
        return rows.Count == 0
            ? null
            : new TierCommunity(community, new TierThresholds(rows[0].Active, rows[0].Core, rows[0].Leader), rows[0].Channel, rows[0].Scheduled);
    }

    public Task SaveCommunityAsync(TierCommunity s, CancellationToken ct)
    {
        _communities.Forget(s.Community);
        return db.ExecuteAsync(
            """
            insert into tier_communities (community, active, core, leader, announce_channel, recompute_scheduled)
            values (@c, @active, @core, @leader, @AnnounceChannelId, @RecomputeScheduled)
            on conflict (community) do update set active = excluded.active, core = excluded.core, leader = excluded.leader,
                announce_channel = excluded.announce_channel, recompute_scheduled = excluded.recompute_scheduled
            """,
            new
            {
                c = s.Community.ToString(), active = s.Thresholds.Active, core = s.Thresholds.Core, leader = s.Thresholds.OpinionLeader,
                s.AnnounceChannelId, s.RecomputeScheduled,
            },
            ct);
    }

    public Task<RecomputeResult> RecomputeAsync(CommunityRef community, TierPolicy policy, DateTimeOffset now, CancellationToken ct) =>
        TierRecomputation.RunAsync(db, community, policy, now, ct);

    public async Task<IReadOnlyList<RankedMember>> TopAsync(CommunityRef community, DateTimeOffset now, TimeSpan halfLife, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string UserId, string Name, double Score, short Tier)>(
            """
            select t.user_id, coalesce(m.display_name, t.user_id),
                (t.activity + t.contribution + t.spending) * power(0.5, greatest(extract(epoch from (@now - t.score_at)), 0) / @half) as score,
                t.tier
            from tier_members t left join members m on m.community = t.community and m.user_id = t.user_id
            where t.community = @c and t.activity + t.contribution + t.spending > 0
            order by score desc, t.user_id limit @limit
            """,
            new { c = community.ToString(), now, half = halfLife.TotalSeconds, limit }, ct);
        return [.. rows.Select(r => new RankedMember(new UserRef(community.Platform, r.UserId), r.Name, r.Score, (Tier)r.Tier))];
    }

    public async Task<Nomination?> DecideNominationAsync(CommunityRef community, long id, bool approved, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(long Id, string UserId, string Name, double Score)>(
            """
            with n as (
                update tier_nominations set status = @status, decided_by = @by, decided_at = @at
                where community = @c and id = @id and status = 'pending'
                returning id, user_id, score)
            select n.id, n.user_id, coalesce(m.display_name, n.user_id), n.score
            from n left join members m on m.community = @c and m.user_id = n.user_id
            """,
            new { c = community.ToString(), id, status = approved ? "approved" : "rejected", by = by.Id, at }, ct);
        return rows.Count == 0 ? null : new Nomination(rows[0].Id, new UserRef(community.Platform, rows[0].UserId), rows[0].Name, rows[0].Score);
    }

    private sealed record StandingRow(
        string user_id, double activity, double contribution, double spending, DateTime score_at, short tier,
        DateTime? below_since, DateTime? last_message_at, long? last_message_hash)
    {
        public TierStanding ToStanding(CommunityRef community) => new(
            community, new UserRef(community.Platform, user_id), activity, contribution, spending, Utc.Of(score_at), (Tier)tier,
            Utc.Of(below_since), Utc.Of(last_message_at), last_message_hash);
    }
}

/// <summary>What other features read: a member's tier (regular when the bot has no standing for them).</summary>
public sealed class PostgresTierDirectory(DbSession db) : ITierDirectory
{
    public async Task<Tier> GetTierAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        var key = (community.ToString(), user.Id);
        if (db.TryPending(PostgresTieringStore.Sink, key, out var pending))
        {
            return pending.Tier;
        }

        if (db.Loaded<(string, string), TierStanding?>(PostgresTieringStore.Loaded).TryGetValue(key, out var loaded))
        {
            return loaded?.Tier ?? Tier.Regular;
        }

        return (Tier)(await db.QuerySingleOrDefaultAsync<short?>(
            "select tier from tier_members where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id }, ct) ?? 0);
    }
}
