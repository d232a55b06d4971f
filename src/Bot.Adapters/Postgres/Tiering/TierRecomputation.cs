using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Adapters.Postgres.Tiering;

/// <summary>
/// The daily recomputation of one community in three set-based statements: decay every standing to now,
/// move tiers as <see cref="TierRules.Decide"/> does, nominate as <see cref="TierRules.ShouldNominate"/> does.
/// Tiers are stored as numbers: regular 0, active 1, core 2, opinion leader 3.
/// </summary>
internal static class TierRecomputation
{
    private const string DecaySql =
        """
        update tier_members set
            activity = activity * power(0.5, extract(epoch from (@now - score_at)) / @half),
            contribution = contribution * power(0.5, extract(epoch from (@now - score_at)) / @half),
            spending = spending * power(0.5, extract(epoch from (@now - score_at)) / @half),
            score_at = @now
        where community = @c and score_at < @now
        """;

    private const string TierSql =
        """
        with e as (
            select user_id, tier, below_since, activity + contribution + spending as score,
                case when activity + contribution + spending >= @core then 2
                     when activity + contribution + spending >= @active then 1 else 0 end as earned,
                case tier when 1 then @active when 2 then @core when 3 then @core else 0 end as floor
            from tier_members where community = @c
        ), d as (
            select user_id, below_since, tier as old_tier,
                case when earned > tier then earned
                     when score >= floor then tier
                     when coalesce(below_since, @now) <= @now - @grace then earned
                     else tier end as new_tier,
                case when earned > tier or score >= floor then null
                     when coalesce(below_since, @now) <= @now - @grace then null
                     else coalesce(below_since, @now) end as new_below
            from e
        ), u as (
            update tier_members m set tier = d.new_tier, below_since = d.new_below,
                tier_changed_at = case when d.new_tier <> d.old_tier then @now else m.tier_changed_at end
            from d
            where m.community = @c and m.user_id = d.user_id
              and (d.new_tier <> d.old_tier or d.new_below is distinct from d.below_since)
            returning m.user_id, d.old_tier, d.new_tier)
        select u.user_id, coalesce(mb.display_name, u.user_id), u.old_tier::smallint, u.new_tier::smallint
        from u left join members mb on mb.community = @c and mb.user_id = u.user_id
        where u.old_tier <> u.new_tier
        order by u.user_id
        """;

    private const string NominateSql =
        """
        with n as (
            insert into tier_nominations (community, user_id, score, status, created_at)
            select m.community, m.user_id, m.activity + m.contribution + m.spending, 'pending', @now
            from tier_members m
            where m.community = @c and m.tier = 2 and m.activity + m.contribution + m.spending >= @leader
              and not exists (
                  select 1 from tier_nominations p
                  where p.community = m.community and p.user_id = m.user_id
                    and (p.status = 'pending' or p.decided_at > @now - @cooldown))
            returning id, user_id, score)
        select n.id, n.user_id, coalesce(mb.display_name, n.user_id), n.score
        from n left join members mb on mb.community = @c and mb.user_id = n.user_id
        order by n.id
        """;

    public static async Task<RecomputeResult> RunAsync(DbSession db, CommunityRef community, TierPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var t = policy.Thresholds;
        var p = new
        {
            c = community.ToString(), now, half = policy.HalfLife.TotalSeconds, active = t.Active, core = t.Core, leader = t.OpinionLeader,
            grace = policy.DemotionGrace, cooldown = policy.NominationCooldown,
        };
        var members = await db.ExecuteAsync(DecaySql, p, ct);
        var changes = await db.QueryAsync<(string UserId, string Name, short From, short To)>(TierSql, p, ct);
        var nominations = await db.QueryAsync<(long Id, string UserId, string Name, double Score)>(NominateSql, p, ct);
        return new RecomputeResult(
            members,
            [.. changes.Select(r => new TierChange(new UserRef(community.Platform, r.UserId), r.Name, (Tier)r.From, (Tier)r.To))],
            [.. nominations.Select(r => new Nomination(r.Id, new UserRef(community.Platform, r.UserId), r.Name, r.Score))]);
    }
}
