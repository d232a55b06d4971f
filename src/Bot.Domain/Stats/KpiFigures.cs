using System.Globalization;
using System.Text;

namespace Bot.Domain.Stats;

/// <summary>KPI targets against actuals, month to date and year to date (月度考核 / 年度考核).</summary>
public static class KpiFigures
{
    public static DateRange MonthToDate(DateOnly lastComplete) => new(new DateOnly(lastComplete.Year, lastComplete.Month, 1), lastComplete);

    public static DateRange YearToDate(DateOnly lastComplete) => new(new DateOnly(lastComplete.Year, 1, 1), lastComplete);

    /// <summary>A target as typed: a count for counts, a percentage (<c>40</c> or <c>40%</c>) for shares. Null when invalid.</summary>
    public static double? ParseTarget(MetricDefinition metric, string text)
    {
        var trimmed = text.Trim();
        var percent = trimmed.EndsWith('%');
        if (percent)
        {
            trimmed = trimmed[..^1];
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || !double.IsFinite(value))
        {
            return null;
        }

        if (metric.Unit == MetricUnit.Percent)
        {
            return value <= 100 ? value / 100 : null;
        }

        return percent ? null : value;
    }

    /// <summary>The actual of one metric over a period, and its share of the target.</summary>
    public sealed record Row(MetricDefinition Metric, KpiPeriod Period, double Target, double? Actual)
    {
        public double? Progress => Actual is { } a && Target > 0 ? a / Target : null;
    }

    public static IReadOnlyList<Row> Rows(MetricCatalog catalog, IReadOnlyList<KpiTarget> targets, IReadOnlyList<DailyValue> daily, DateOnly lastComplete) =>
        [.. targets
            .Where(t => catalog.TryGet(t.Metric, out _))
            .OrderBy(t => catalog.All.ToList().FindIndex(m => m.Key == t.Metric)).ThenBy(t => t.Period)
            .Select(t =>
            {
                var metric = catalog[t.Metric];
                var range = t.Period == KpiPeriod.Month ? MonthToDate(lastComplete) : YearToDate(lastComplete);
                return new Row(metric, t.Period, t.Target, MetricMath.Aggregate(metric, daily, range));
            })];

    public static string Text(IReadOnlyList<Row> rows, DateOnly lastComplete, CultureInfo culture)
    {
        if (rows.Count == 0)
        {
            return StatsText.Get(culture, "KpiNone");
        }

        var text = new StringBuilder(StatsText.Get(culture, "KpiHeader", lastComplete.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).AppendLine();
        foreach (var row in rows)
        {
            var actual = row.Actual is { } a ? MetricMath.Format(row.Metric, a, culture) : StatsText.Get(culture, "NoData");
            var progress = row.Progress is { } p ? p.ToString("P0", culture) : "–";
            text.AppendLine(StatsText.Get(
                culture,
                row.Period == KpiPeriod.Month ? "KpiLineMonth" : "KpiLineYear",
                row.Metric.Label(culture),
                actual,
                MetricMath.Format(row.Metric, row.Target, culture),
                progress));
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Per metric, the share of its monthly and yearly target reached, in percent.</summary>
    public static BarChartSpec Chart(IReadOnlyList<Row> rows, CultureInfo culture)
    {
        var metrics = rows.Select(r => r.Metric).Distinct().ToList();
        double Share(MetricDefinition metric, KpiPeriod period) =>
            (rows.FirstOrDefault(r => r.Metric == metric && r.Period == period)?.Progress ?? 0) * 100;
        return new BarChartSpec(
            StatsText.Get(culture, "ChartKpiTitle"),
            [.. metrics.Select(m => m.Label(culture))],
            [
                new ChartSeries(StatsText.Get(culture, "KpiMonth"), [.. metrics.Select(m => Share(m, KpiPeriod.Month))]),
                new ChartSeries(StatsText.Get(culture, "KpiYear"), [.. metrics.Select(m => Share(m, KpiPeriod.Year))]),
            ],
            ValueSuffix: "%")
        {
            Locale = culture.Name,
        };
    }
}
