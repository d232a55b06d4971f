using Bot.Domain.Stats;
using Bot.Domain.Surveys;

namespace Bot.Adapters.Postgres.Surveys;

/// <summary>The community survey's own satisfaction figure: answers (1–5) on the day they were last given.</summary>
public static class SurveyRollupMetrics
{
    public const string SurveySatisfaction = "survey_satisfaction";

    public static readonly MetricDefinition Definition = new(SurveySatisfaction, MetricAggregation.Ratio, MetricUnit.Score, SurveysText.Texts);

    public const string Sql =
        """
        select '' as dimension, coalesce(sum(s.rating), 0) as value, count(*) as base
        from survey_responses s, bounds b
        where s.community = @c and s.at >= b.day_start and s.at < b.day_end
        """;
}
