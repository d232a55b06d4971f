namespace Bot.Domain.Stats;

/// <summary>Metrics that come from other features' records: support, FAQ, content, invites and tiers.</summary>
public static class FeatureMetrics
{
    public const string FirstResponse = "ticket_first_response";
    public const string Resolution = "ticket_resolution";
    public const string Satisfaction = "satisfaction";
    public const string FaqAnswerRate = "faq_answer_rate";
    public const string FaqHelpfulness = "faq_helpfulness";
    public const string PostsPublished = "posts_published";
    public const string PostReactions = "post_reactions";
    public const string PostReplies = "post_replies";
    public const string InviteJoins = "invite_joins";
    public const string InviteQualified = "invite_qualified";
    public const string InviteRetention = "invite_retention_d7";
    public const string Inviters = "inviters_30d";
    public const string ActiveTierShare = "active_tier_share";
    public const string ConversionActive = "conversion_active";

    /// <summary>A post's reactions and replies count in the days after it is published; its row comes when they are over.</summary>
    public const int EngagementDays = 2;

    /// <summary>The days a new member has to reach the active tier, the funnel's last step.</summary>
    public const int ActiveTierDays = 30;

    public static readonly IReadOnlyList<MetricDefinition> Definitions =
    [
        new(FirstResponse, MetricAggregation.Ratio, MetricUnit.Hours, StatsText.Texts),
        new(Resolution, MetricAggregation.Ratio, MetricUnit.Hours, StatsText.Texts),
        new(Satisfaction, MetricAggregation.Ratio, MetricUnit.Score, StatsText.Texts),
        new(FaqAnswerRate, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(FaqHelpfulness, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(PostsPublished, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(PostReactions, MetricAggregation.Ratio, MetricUnit.PerItem, StatsText.Texts),
        new(PostReplies, MetricAggregation.Ratio, MetricUnit.PerItem, StatsText.Texts),
        new(InviteJoins, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(InviteQualified, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(InviteRetention, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(Inviters, MetricAggregation.Last, MetricUnit.Count, StatsText.Texts),
        new(ActiveTierShare, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(ConversionActive, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
    ];
}
