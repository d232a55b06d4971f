using System.Globalization;
using Bot.Domain.Stats;

namespace Bot.Domain.Tests.Stats;

public sealed class StatsMathTests
{
    private static readonly MetricCatalog Catalog = new(CoreMetrics.Definitions);
    private static readonly DateOnly Day = new(2025, 5, 10);
    private static readonly DateRange Week = DateRange.Ending(Day, 7);

    private static DailyValue V(int daysBack, string metric, double value, double @base = 0) => new(Day.AddDays(-daysBack), metric, value, @base);

    [Fact]
    public void Each_aggregation_combines_the_days_of_the_period_only()
    {
        DailyValue[] rows =
        [
            V(0, "members", 120), V(6, "members", 100), V(7, "members", 90),
            V(0, "joins", 5), V(3, "joins", 7), V(7, "joins", 100),
            V(0, "dau", 10), V(1, "dau", 20),
            V(0, "retention_d7", 3, 10), V(2, "retention_d7", 1, 10), V(9, "retention_d7", 10, 10),
        ];

        Assert.Equal(120, MetricMath.Aggregate(Catalog["members"], rows, Week));
        Assert.Equal(12, MetricMath.Aggregate(Catalog["joins"], rows, Week));
        Assert.Equal(15, MetricMath.Aggregate(Catalog["dau"], rows, Week));
        Assert.Equal(0.2, MetricMath.Aggregate(Catalog["retention_d7"], rows, Week));
        Assert.Equal(0, MetricMath.Aggregate(Catalog["moderation"], rows, Week));
        Assert.Null(MetricMath.Aggregate(Catalog["mau"], rows, Week));
    }

    [Fact]
    public void Change_is_relative_for_counts_and_in_points_for_shares_and_absent_against_zero()
    {
        Assert.Equal(0.25, MetricMath.Change(Catalog["joins"], 10, 8));
        Assert.Equal(0.1, MetricMath.Change(Catalog["retention_d7"], 0.4, 0.3)!.Value, 6);
        Assert.Null(MetricMath.Change(Catalog["joins"], 10, 0));
        Assert.Null(MetricMath.Change(Catalog["joins"], 10, null));
        Assert.Equal("+25.0%", MetricMath.FormatChange(Catalog["joins"], 0.25, CultureInfo.InvariantCulture));
        Assert.Equal("-5.0 pp", MetricMath.FormatChange(Catalog["retention_d7"], -0.05, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Key_figures_compare_with_the_period_before_in_the_communitys_language()
    {
        DailyValue[] rows = [V(0, "joins", 6), V(8, "joins", 4), V(0, "members", 50)];

        var english = StatsFigures.KeyFigures(Catalog, rows, Week, CultureInfo.GetCultureInfo("en"));
        var chinese = StatsFigures.KeyFigures(Catalog, rows, Week, CultureInfo.GetCultureInfo("zh-TW"));

        Assert.Contains("• Joined: 6 (+50.0% vs previous period)", english, StringComparison.Ordinal);
        Assert.Contains("• Members: 50 (no comparison)", english, StringComparison.Ordinal);
        Assert.Contains("• 新加入：6（較上一期 +50.0%）", chinese, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "2025-05-01", "2025-05-01", 10)]
    [InlineData("2025-05-07", "2025-05-01", "2025-05-08", 3)]
    [InlineData("2025-05-10", "2025-05-01", null, 0)]
    [InlineData(null, "2024-01-01", "2025-04-11", 30)]
    public void Roll_up_days_run_from_the_last_done_or_first_activity_to_yesterday_within_the_limit(string? lastDone, string first, string? expectedFirst, int expectedCount)
    {
        var days = StatsCalendar.DaysToRollUp(lastDone is null ? null : DateOnly.Parse(lastDone, CultureInfo.InvariantCulture), DateOnly.Parse(first, CultureInfo.InvariantCulture), Day, maxDays: 30);

        Assert.Equal(expectedCount, days.Count);
        if (expectedFirst is not null)
        {
            Assert.Equal(DateOnly.Parse(expectedFirst, CultureInfo.InvariantCulture), days[0]);
            Assert.Equal(Day, days[^1]);
        }
    }

    [Fact]
    public void No_activity_means_nothing_to_roll_up() =>
        Assert.Empty(StatsCalendar.DaysToRollUp(null, null, Day, 30));

    [Fact]
    public void The_report_time_is_the_last_configured_weekday_and_hour_in_the_community_zone()
    {
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var mondayNine = new DateTimeOffset(2025, 5, 12, 1, 0, 0, TimeSpan.Zero); // 09:00 in Taipei

        Assert.Equal(mondayNine, StatsCalendar.LastReportTime(mondayNine, taipei, DayOfWeek.Monday, 9));
        Assert.Equal(mondayNine.AddDays(-7), StatsCalendar.LastReportTime(mondayNine.AddMinutes(-1), taipei, DayOfWeek.Monday, 9));
        Assert.Equal(mondayNine, StatsCalendar.LastReportTime(mondayNine.AddDays(3), taipei, DayOfWeek.Monday, 9));
    }

    [Theory]
    [InlineData("members", "1200", 1200d)]
    [InlineData("members", "12%", null)]
    [InlineData("members", "-3", null)]
    [InlineData("members", "lots", null)]
    [InlineData("retention_d7", "40", 0.4)]
    [InlineData("retention_d7", "40%", 0.4)]
    [InlineData("retention_d7", "140", null)]
    public void Kpi_targets_are_counts_or_percentages_by_metric(string metric, string typed, double? expected) =>
        Assert.Equal(expected, KpiFigures.ParseTarget(Catalog[metric], typed));

    [Fact]
    public void Cohort_table_groups_join_days_into_weeks_and_divides_retained_by_joined()
    {
        // 2025-05-05 is a Monday; cohorts of 05-05 and 05-06 are one week.
        DimensionValue[] rows =
        [
            new(new DateOnly(2025, 5, 6), "retention_d1", "2025-05-05", 3, 4),
            new(new DateOnly(2025, 5, 7), "retention_d1", "2025-05-06", 1, 6),
            new(new DateOnly(2025, 5, 12), "retention_d7", "2025-05-05", 2, 4),
        ];

        var table = StatsFigures.Cohorts(Catalog, rows, new DateOnly(2025, 5, 13), weeks: 2, CultureInfo.GetCultureInfo("en"));

        Assert.Equal(["2025-05-05 (10 joined)", "2025-05-12 (0 joined)"], table.RowLabels);
        Assert.Equal(0.4, table.Values[0][0]);
        Assert.Equal(0.5, table.Values[0][1]);
        Assert.Null(table.Values[0][2]);
        Assert.All(table.Values[1], Assert.Null);
    }

    [Fact]
    public void Funnel_bars_give_each_step_as_a_share_of_the_cohorts_measured_for_it()
    {
        DimensionValue[] rows =
        [
            new(new DateOnly(2025, 5, 12), CoreMetrics.Conversion, "2025-05-05", 6, 8),
            new(new DateOnly(2025, 5, 13), CoreMetrics.Conversion, "2025-05-06", 1, 2),
            new(new DateOnly(2025, 6, 4), FeatureMetrics.ConversionActive, "2025-05-05", 2, 8),
            new(new DateOnly(2025, 6, 4), CoreMetrics.Retention[0].Key, "2025-05-05", 9, 9),
        ];

        var funnel = ReportFigures.FunnelBars(rows, weeks: 5, CultureInfo.GetCultureInfo("zh-TW"));

        Assert.Equal([100, 70, 25], Assert.Single(funnel.Series).Values);
        Assert.StartsWith("加入", funnel.Categories[0], StringComparison.Ordinal);
        Assert.Contains("10", funnel.Categories[0], StringComparison.Ordinal);
        Assert.Null(funnel.EmptyText);
        Assert.NotNull(ReportFigures.FunnelBars([], weeks: 5, CultureInfo.GetCultureInfo("zh-TW")).EmptyText);
    }

    [Fact]
    public void Satisfaction_is_the_mean_score_per_week_with_the_number_of_answers_named()
    {
        var last = new DateOnly(2025, 6, 1);
        DailyValue[] daily =
        [
            new(last, FeatureMetrics.Satisfaction, 9, 2),
            new(last.AddDays(-3), FeatureMetrics.Satisfaction, 5, 1),
            new(last.AddDays(-7), FeatureMetrics.Satisfaction, 3, 1),
        ];

        var chart = ReportFigures.Satisfaction(daily, last, weeks: 3, CultureInfo.GetCultureInfo("en"));

        var scores = Assert.Single(chart.Series).Values;
        Assert.True(double.IsNaN(scores[0]), "a week without answers has no score, not a zero");
        Assert.Equal([3, 14 / 3.0], scores.Skip(1));
        Assert.Equal(5, chart.AxisMax);
        Assert.Contains("3", chart.Categories[2], StringComparison.Ordinal);
        Assert.Contains("4", chart.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Engagement_per_post_reads_as_a_decimal_and_counts_targets_are_numbers()
    {
        var reactions = new MetricCatalog(FeatureMetrics.Definitions)[FeatureMetrics.PostReactions];

        Assert.Equal("2.5", MetricMath.Format(reactions, 2.5, CultureInfo.InvariantCulture));
        Assert.Equal(3, KpiFigures.ParseTarget(reactions, "3"));
        Assert.Null(KpiFigures.ParseTarget(reactions, "3%"));
    }
}
