using System.Globalization;

namespace Bot.Domain.Stats;

/// <summary>One metric's roll-up for one day, summed over its dimensions. <see cref="Base"/> is the denominator of ratios.</summary>
public sealed record DailyValue(DateOnly Day, string Metric, double Value, double Base);

/// <summary>One roll-up row as stored: a metric on a day for one dimension (a channel, an hour, a cohort day, or empty).</summary>
public sealed record DimensionValue(DateOnly Day, string Metric, string Dimension, double Value, double Base);

/// <summary>Whole local days, both ends included.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    /// <summary>The same number of days just before this range.</summary>
    public DateRange Previous() => new(From.AddDays(-Days), From.AddDays(-1));

    public static DateRange Ending(DateOnly last, int days) => new(last.AddDays(1 - days), last);

    public override string ToString() =>
        $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}–{To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

/// <summary>Combines daily values over a period and compares periods, following each metric's aggregation.</summary>
public static class MetricMath
{
    /// <summary>
    /// The metric over <paramref name="range"/>, or null when no day of it has data (or a ratio has no base).
    /// A sum of no rows is zero: dimensioned counts (moderation by action) store no row for a quiet day.
    /// </summary>
    public static double? Aggregate(MetricDefinition metric, IEnumerable<DailyValue> rows, DateRange range)
    {
        var days = rows.Where(r => r.Metric.Equals(metric.Key, StringComparison.OrdinalIgnoreCase) && range.Contains(r.Day)).ToList();
        if (days.Count == 0)
        {
            return metric.Aggregation == MetricAggregation.Sum ? 0 : null;
        }

        switch (metric.Aggregation)
        {
            case MetricAggregation.Sum:
                return days.Sum(d => d.Value);
            case MetricAggregation.Last:
                return days.MaxBy(d => d.Day)!.Value;
            case MetricAggregation.Average:
                return days.Average(d => d.Value);
            default:
                var denominator = days.Sum(d => d.Base);
                return denominator == 0 ? null : days.Sum(d => d.Value) / denominator;
        }
    }

    /// <summary>
    /// The change from <paramref name="previous"/> to <paramref name="current"/>: a relative change for counts,
    /// a difference in percentage points for shares. Null when either side is missing or the old value is zero.
    /// </summary>
    public static double? Change(MetricDefinition metric, double? current, double? previous)
    {
        if (current is not { } now || previous is not { } before)
        {
            return null;
        }

        if (metric.Unit == MetricUnit.Percent)
        {
            return now - before;
        }

        return before == 0 ? null : (now - before) / before;
    }

    public static string Format(MetricDefinition metric, double value, CultureInfo culture) => metric.Unit switch
    {
        MetricUnit.Percent => value.ToString("P1", culture),
        MetricUnit.Hours => value.ToString("0.0", culture) + " h",
        MetricUnit.Score => value.ToString("0.00", culture),
        MetricUnit.PerItem => value.ToString("0.0", culture),
        _ when metric.Aggregation == MetricAggregation.Average => value.ToString("N1", culture),
        _ => value.ToString("N0", culture),
    };

    /// <summary>"+12.5%" for a relative change, "+3.0 pp" for percentage points.</summary>
    public static string FormatChange(MetricDefinition metric, double change, CultureInfo culture) => metric.Unit == MetricUnit.Percent
        ? (change * 100).ToString("+0.0;-0.0;±0.0", culture) + " pp"
        : (change * 100).ToString("+0.0;-0.0;±0.0", culture) + "%";
}
