using Bot.Domain.Stats;

namespace Bot.Adapters.Postgres.Stats;

/// <summary>
/// Roll-up fragments over other features' tables (see <see cref="RollupMetric"/> for the contract). Response and
/// resolution times are counted on the day a ticket was answered or closed; satisfaction (ticket ratings and community
/// survey answers together) on the day a ticket was closed or a survey answered; the active-tier share is members at tier Active or above over members known to tiering. Post engagement
/// is per occurrence first published on day D−2 (dimension: the post id), counting reactions and replies in its first
/// two days. The funnel's last step and invite retention are cohorts by join day (dimension), like retention.
/// Counted invites leave out rejoins, self-invites and too-young accounts.
/// </summary>
public static class FeatureRollupMetrics
{
    private const string NotCounted = "('Rejoin', 'TooYoung', 'SelfInvite')";

    private static readonly Dictionary<string, string> Sql = new()
    {
        [FeatureMetrics.FirstResponse] =
            """
            select '' as dimension, coalesce(sum(extract(epoch from t.first_response_at - t.opened_at)) / 3600, 0) as value, count(*) as base
            from tickets t, bounds b
            where t.community = @c and t.first_response_at >= b.day_start and t.first_response_at < b.day_end
            """,
        [FeatureMetrics.Resolution] =
            """
            select '' as dimension, coalesce(sum(extract(epoch from t.closed_at - t.opened_at)) / 3600, 0) as value, count(*) as base
            from tickets t, bounds b
            where t.community = @c and t.closed_at >= b.day_start and t.closed_at < b.day_end
            """,
        [FeatureMetrics.Satisfaction] =
            """
            select '' as dimension, coalesce(sum(r.rating), 0) as value, count(r.rating) as base
            from (
                select t.rating from tickets t, bounds b
                where t.community = @c and t.closed_at >= b.day_start and t.closed_at < b.day_end
                union all
                select s.rating from survey_responses s, bounds b
                where s.community = @c and s.at >= b.day_start and s.at < b.day_end) r
            """,
        [FeatureMetrics.FaqHelpfulness] =
            """
            select '' as dimension, count(*) filter (where f.helpful) as value, count(*) as base
            from faq_feedback f, bounds b
            where f.community = @c and f.at >= b.day_start and f.at < b.day_end
            """,
        [FeatureMetrics.FaqAnswerRate] =
            """
            select '' as dimension, count(*) filter (where q.answered) as value, count(*) as base
            from faq_questions q, bounds b
            where q.community = @c and q.at >= b.day_start and q.at < b.day_end
            """,
        [FeatureMetrics.PostReactions] = Engagement("reaction"),
        [FeatureMetrics.PostReplies] = Engagement("reply"),
        [FeatureMetrics.InviteQualified] =
            """
            select '' as dimension, count(*) as value, 0 as base
            from invite_joins j, bounds b
            where j.community = @c and j.decided_at >= b.day_start and j.decided_at < b.day_end and j.status in ('Qualified', 'Rewarded')
            """,
        [FeatureMetrics.InviteRetention] =
            $"""
            select to_char(b.day - 7, 'YYYY-MM-DD') as dimension,
                   count(*) filter (where (j.left_at is null or j.left_at >= b.day_end) and exists (
                       select 1 from messages x
                       where x.community = j.community and x.user_id = j.user_id
                         and x.at >= timezone(@tz, (b.day - 6)::timestamp) and x.at < b.day_end)) as value,
                   count(*) as base
            from invite_joins j, bounds b
            where j.community = @c and j.joined_at >= timezone(@tz, (b.day - 7)::timestamp) and j.joined_at < timezone(@tz, (b.day - 6)::timestamp)
              and j.status not in {NotCounted}
            group by b.day
            """,
        [FeatureMetrics.Inviters] =
            $"""
            select '' as dimension, count(distinct j.inviter_id) as value, 0 as base
            from invite_joins j, bounds b
            where j.community = @c and j.joined_at >= timezone(@tz, (b.day - 29)::timestamp) and j.joined_at < b.day_end
              and j.status not in {NotCounted}
            """,
        [FeatureMetrics.ConversionActive] =
            $"""
            select to_char(b.day - {FeatureMetrics.ActiveTierDays}, 'YYYY-MM-DD') as dimension,
                   count(*) filter (where exists (
                       select 1 from stats_tier_reached r
                       where r.community = m.community and r.user_id = m.user_id
                         and r.reached_at < least(m.joined_at + interval '{FeatureMetrics.ActiveTierDays} days', b.day_end))) as value,
                   count(*) as base
            from members m, bounds b
            where m.community = @c and m.joined_at >= timezone(@tz, (b.day - {FeatureMetrics.ActiveTierDays})::timestamp)
              and m.joined_at < timezone(@tz, (b.day - {FeatureMetrics.ActiveTierDays - 1})::timestamp)
            group by b.day
            """,
        [FeatureMetrics.PostsPublished] =
            """
            select '' as dimension, count(distinct p.post_id) as value, 0 as base
            from content_publications p join content_posts cp on cp.id = p.post_id, bounds b
            where cp.community = @c and p.published_at >= b.day_start and p.published_at < b.day_end
            """,
        [FeatureMetrics.InviteJoins] =
            """
            select '' as dimension, count(*) as value, 0 as base
            from invite_joins j, bounds b
            where j.community = @c and j.joined_at >= b.day_start and j.joined_at < b.day_end
            """,
        [FeatureMetrics.ActiveTierShare] =
            """
            select '' as dimension, count(*) filter (where m.tier >= 1) as value, count(*) as base
            from tier_members m
            where m.community = @c
            """,
    };

    /// <summary>Per post id: reactions or replies in the first days of each occurrence first published on day D−2, over those occurrences.</summary>
    private static string Engagement(string kind) =>
        $"""
        with occurrences as (
            select p.post_id, p.occurrence, min(p.published_at) as first_at
            from content_publications p join content_posts cp on cp.id = p.post_id, bounds b
            where cp.community = @c and (p.post_id, p.occurrence) in (
                select d.post_id, d.occurrence from content_publications d
                where d.published_at >= timezone(@tz, (b.day - {FeatureMetrics.EngagementDays})::timestamp)
                  and d.published_at < timezone(@tz, (b.day - {FeatureMetrics.EngagementDays - 1})::timestamp))
            group by p.post_id, p.occurrence, b.day
            having min(p.published_at) >= timezone(@tz, (b.day - {FeatureMetrics.EngagementDays})::timestamp))
        select o.post_id::text as dimension,
               sum((select count(*) from content_engagement e
                    where e.post_id = o.post_id and e.occurrence = o.occurrence and e.kind = '{kind}'
                      and e.at < o.first_at + interval '{FeatureMetrics.EngagementDays} days')) as value,
               count(*) as base
        from occurrences o
        group by o.post_id
        """;

    public static IEnumerable<RollupMetric> All() => FeatureMetrics.Definitions.Select(d => new RollupMetric(d, Sql[d.Key]));
}
