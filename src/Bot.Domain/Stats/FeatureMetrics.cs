namespace Bot.Domain.Stats;

/// <summary>Metrics that come from other features' records: support, FAQ, content, invites and tiers.</summary>
public static class FeatureMetrics
{
    public const string FirstResponse = "ticket_first_response";
    public const string Resolution = "ticket_resolution";
    public const string Satisfaction = "satisfaction";
    public const string FaqHelpfulness = "faq_helpfulness";
    public const string PostsPublished = "posts_published";
    public const string InviteJoins = "invite_joins";
    public const string ActiveTierShare = "active_tier_share";

    public static readonly IReadOnlyList<MetricDefinition> Definitions =
    [
        new(FirstResponse, MetricAggregation.Ratio, MetricUnit.Hours, StatsText.Texts),
        new(Resolution, MetricAggregation.Ratio, MetricUnit.Hours, StatsText.Texts),
        new(Satisfaction, MetricAggregation.Ratio, MetricUnit.Score, StatsText.Texts),
        new(FaqHelpfulness, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(PostsPublished, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(InviteJoins, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(ActiveTierShare, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
    ];
}
