using System.Globalization;
using System.Text;

namespace Bot.Domain.Stats;

/// <summary>Turns roll-up rows into the texts and chart specs that staff read. Pure: data in, text and specs out.</summary>
public static class StatsFigures
{
    private static readonly string[] ActivityMetrics = [CoreMetrics.Members, CoreMetrics.Dau, CoreMetrics.Messages];

    /// <summary>One line per key figure: its value over <paramref name="range"/> and the change against the period before.</summary>
    public static string KeyFigures(MetricCatalog catalog, IReadOnlyList<DailyValue> daily, DateRange range, CultureInfo culture)
    {
        var text = new StringBuilder();
        var previous = range.Previous();
        foreach (var metric in catalog.KeyFigures)
        {
            var now = MetricMath.Aggregate(metric, daily, range);
            var before = MetricMath.Aggregate(metric, daily, previous);
            var value = now is { } v ? MetricMath.Format(metric, v, culture) : StatsText.Get(culture, "NoData");
            var change = MetricMath.Change(metric, now, before) is { } c
                ? StatsText.Get(culture, "ChangeVsPrevious", MetricMath.FormatChange(metric, c, culture))
                : StatsText.Get(culture, "NoComparison");
            text.AppendLine(StatsText.Get(culture, "KeyFigureLine", metric.Label(culture), value, change));
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// Members and DAU on the left scale, messages on the right, day by day. With <paramref name="lastIsPartial"/> the
    /// range's last day is today, still running: it is drawn and marked as partial.
    /// </summary>
    public static LineChartSpec Activity(MetricCatalog catalog, IReadOnlyList<DailyValue> daily, DateRange range, CultureInfo culture, bool lastIsPartial = false)
    {
        var days = Enumerable.Range(0, range.Days).Select(i => range.From.AddDays(i)).ToList();
        List<ChartSeries> series = [.. ActivityMetrics.Where(k => catalog.TryGet(k, out _)).Select(key =>
        {
            var byDay = daily.Where(d => d.Metric == key).ToDictionary(d => d.Day, d => d.Value);
            return new ChartSeries(
                catalog[key].Label(culture),
                [.. days.Select(d => byDay.GetValueOrDefault(d))],
                RightAxis: key == CoreMetrics.Messages);
        })];
        return new LineChartSpec(StatsText.Get(culture, "ChartActivityTitle", range), days, [.. days.Select(d => DayLabel(d, culture))], series)
        {
            Locale = culture.Name,
            PartialLast = lastIsPartial,
            PartialLabel = lastIsPartial ? StatsText.Get(culture, "ChartPartialDay", DayLabel(range.To, culture)) : null,
            EmptyText = series.All(s => s.Values.All(v => v == 0)) ? StatsText.Get(culture, "ChartNoActivity") : null,
        };
    }

    /// <summary>A day as the community writes it on a chart: <c>Nov 24</c>, <c>11月24日</c>.</summary>
    public static string DayLabel(DateOnly day, CultureInfo culture) => day.ToString(StatsText.Get(culture, "ChartDayFormat"), culture);

    /// <summary>Messages by local weekday (Monday first) and hour, summed over <paramref name="hourly"/>.</summary>
    public static HeatMapSpec WeekdayHours(IReadOnlyList<DimensionValue> hourly, DateRange range, CultureInfo culture)
    {
        var cells = new double?[7][];
        for (var row = 0; row < 7; row++)
        {
            cells[row] = new double?[24];
            Array.Fill(cells[row], 0);
        }

        foreach (var value in hourly)
        {
            if (range.Contains(value.Day) && int.TryParse(value.Dimension, NumberStyles.None, CultureInfo.InvariantCulture, out var hour) && hour is >= 0 and < 24)
            {
                var row = ((int)value.Day.DayOfWeek + 6) % 7;
                cells[row][hour] += value.Value;
            }
        }

        var weekdays = Enumerable.Range(0, 7).Select(i => culture.DateTimeFormat.GetAbbreviatedDayName((DayOfWeek)((i + 1) % 7))).ToList();
        var hours = Enumerable.Range(0, 24).Select(h => h.ToString("00", CultureInfo.InvariantCulture)).ToList();
        return new HeatMapSpec(StatsText.Get(culture, "ChartHeatMapTitle", range), weekdays, hours, cells)
        {
            Locale = culture.Name,
            EmptyText = hourly.Count == 0 ? StatsText.Get(culture, "ChartNoActivity") : null,
        };
    }

    /// <summary>
    /// Weekly join cohorts (weeks starting Monday) × retention horizon, as shares. <paramref name="retention"/> holds the
    /// rows of the retention metrics, whose dimension is the cohort's join day.
    /// </summary>
    public static HeatMapSpec Cohorts(MetricCatalog catalog, IReadOnlyList<DimensionValue> retention, DateOnly lastComplete, int weeks, CultureInfo culture) =>
        CohortTable(catalog, [.. CoreMetrics.Retention.Select(h => h.Key)], retention, lastComplete, weeks, StatsText.Get(culture, "ChartCohortTitle"), culture);

    /// <summary>The metrics of the funnel's steps after joining, in order.</summary>
    public static readonly IReadOnlyList<string> FunnelSteps = [CoreMetrics.Conversion, FeatureMetrics.ConversionActive];

    /// <summary>Rows: join weeks with their size; columns: <paramref name="keys"/>; cells: Σ value ÷ Σ base over the week's join days.</summary>
    private static HeatMapSpec CohortTable(
        MetricCatalog catalog, IReadOnlyList<string> keys, IReadOnlyList<DimensionValue> rows, DateOnly lastComplete, int weeks, string title, CultureInfo culture)
    {
        var lastWeek = WeekStart(lastComplete);
        var starts = Enumerable.Range(0, weeks).Select(i => lastWeek.AddDays(-7 * (weeks - 1 - i))).ToList();
        var byCell = rows
            .Select(r => (Row: r, Cohort: DateOnly.TryParseExact(r.Dimension, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null))
            .Where(x => x.Cohort is not null)
            .GroupBy(x => (Week: WeekStart(x.Cohort!.Value), x.Row.Metric))
            .ToDictionary(g => g.Key, g => (Value: g.Sum(x => x.Row.Value), Base: g.Sum(x => x.Row.Base)));
        var cells = new List<IReadOnlyList<double?>>();
        var labels = new List<string>();
        foreach (var week in starts)
        {
            var size = keys.Max(key => byCell.TryGetValue((week, key), out var c) ? c.Base : 0);
            labels.Add(StatsText.Get(culture, "CohortRow", week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), size.ToString("N0", culture)));
            cells.Add([.. keys.Select(key => byCell.TryGetValue((week, key), out var c) && c.Base > 0 ? c.Value / c.Base : (double?)null)]);
        }

        var columns = keys.Select(key => catalog.TryGet(key, out var m) ? m.Label(culture) : key).ToList();
        return new HeatMapSpec(title, labels, columns, cells, CellFormat: "P0")
        {
            Locale = culture.Name,
            EmptyText = cells.All(r => r.All(v => v is null)) ? StatsText.Get(culture, "ChartNoJoins") : null,
        };
    }

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
