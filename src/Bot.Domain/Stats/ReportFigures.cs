using System.Globalization;
using Bot.Domain.Faq;

namespace Bot.Domain.Stats;

/// <summary>The panels of the weekly report picture that are not day-by-day charts. Pure: rows in, chart specs out.</summary>
public static class ReportFigures
{
    /// <summary>
    /// The funnel's three steps for the members who joined in the cohort weeks, as shares of those who joined: all of
    /// them, those who posted a first message within 7 days, those who reached the active tier within 30 days. Each
    /// step is measured over the cohorts old enough for it (a week-old cohort has no 30-day figure yet).
    /// </summary>
    public static BarChartSpec FunnelBars(IReadOnlyList<DimensionValue> steps, int weeks, CultureInfo culture)
    {
        static (double Value, double Base) Sum(IEnumerable<DimensionValue> rows) => (rows.Sum(r => r.Value), rows.Sum(r => r.Base));
        var posted = Sum(steps.Where(s => s.Metric == CoreMetrics.Conversion));
        var active = Sum(steps.Where(s => s.Metric == FeatureMetrics.ConversionActive));
        static double Share((double Value, double Base) step) => step.Base > 0 ? 100 * step.Value / step.Base : 0;
        return new BarChartSpec(
            StatsText.Get(culture, "ChartFunnelBarsTitle", weeks),
            [
                StatsText.Get(culture, "FunnelJoined", posted.Base.ToString("N0", culture)),
                StatsText.Get(culture, "FunnelFirstMessage"),
                StatsText.Get(culture, "FunnelActiveTier"),
            ],
            [new ChartSeries(StatsText.Get(culture, "FunnelShare"), [posted.Base > 0 ? 100 : 0, Share(posted), Share(active)])],
            ValueSuffix: "%")
        {
            Locale = culture.Name,
            EmptyText = posted.Base == 0 ? StatsText.Get(culture, "ChartNoJoins") : null,
        };
    }

    /// <summary>The mean satisfaction score (1–5) week by week, each week named with how many members answered.</summary>
    public static BarChartSpec Satisfaction(IReadOnlyList<DailyValue> daily, DateOnly lastComplete, int weeks, CultureInfo culture)
    {
        var categories = new List<string>();
        var scores = new List<double>();
        var answers = 0d;
        for (var i = weeks - 1; i >= 0; i--)
        {
            var week = DateRange.Ending(lastComplete.AddDays(-7 * i), 7);
            var rows = daily.Where(d => d.Metric == FeatureMetrics.Satisfaction && week.Contains(d.Day)).ToList();
            var count = rows.Sum(r => r.Base);
            answers += count;
            categories.Add(StatsText.Get(culture, "SatisfactionWeek", StatsFigures.DayLabel(week.From, culture), count.ToString("N0", culture)));
            scores.Add(count > 0 ? rows.Sum(r => r.Value) / count : double.NaN);
        }

        return new BarChartSpec(
            StatsText.Get(culture, "ChartSatisfactionTitle", answers.ToString("N0", culture)),
            categories,
            [new ChartSeries(StatsText.Get(culture, "Metric_" + FeatureMetrics.Satisfaction), scores)])
        {
            Locale = culture.Name,
            ValueFormat = "0.0",
            AxisMax = 5,
            EmptyText = answers == 0 ? StatsText.Get(culture, "ChartNoAnswers") : null,
        };
    }

    /// <summary>The questions members asked most that no FAQ entry answered.</summary>
    public static TextPanelSpec Gaps(IReadOnlyList<FaqGap> gaps, CultureInfo culture) =>
        new(
            StatsText.Get(culture, "ChartGapsTitle"),
            [.. gaps.Select((g, i) => StatsText.Get(culture, "GapLine", i + 1, g.Count.ToString("N0", culture), g.Sample))])
        {
            Locale = culture.Name,
            EmptyText = gaps.Count == 0 ? StatsText.Get(culture, "ChartNoGaps") : null,
        };
}
