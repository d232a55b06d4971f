using Bot.Domain.Stats;

namespace Bot.Adapters.Postgres.Stats;

/// <summary>
/// Roll-up fragments over other features' tables (see <see cref="RollupMetric"/> for the contract). Response and
/// resolution times are counted on the day a ticket was answered or closed; satisfaction on the day it was rated
/// (closed); the active-tier share is members at tier Active or above over members known to tiering.
/// </summary>
public static class FeatureRollupMetrics
{
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
            select '' as dimension, coalesce(sum(t.rating), 0) as value, count(t.rating) as base
            from tickets t, bounds b
            where t.community = @c and t.closed_at >= b.day_start and t.closed_at < b.day_end
            """,
        [FeatureMetrics.FaqHelpfulness] =
            """
            select '' as dimension, count(*) filter (where f.helpful) as value, count(*) as base
            from faq_feedback f, bounds b
            where f.community = @c and f.at >= b.day_start and f.at < b.day_end
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

    public static IEnumerable<RollupMetric> All() => FeatureMetrics.Definitions.Select(d => new RollupMetric(d, Sql[d.Key]));
}
