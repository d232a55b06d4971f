using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Stats;

/// <summary>How a metric's daily values combine over a period.</summary>
public enum MetricAggregation
{
    /// <summary>Added up: joins, messages, moderation actions.</summary>
    Sum,

    /// <summary>The value on the period's last day: member count, WAU, MAU.</summary>
    Last,

    /// <summary>The mean of the daily values: daily active members.</summary>
    Average,

    /// <summary>Σ value ÷ Σ base: retention, conversion, satisfaction, response times.</summary>
    Ratio,
}

/// <summary>How a metric's value reads: a count, a share (shown as %), hours, a score, or an average per item (reactions per post).</summary>
public enum MetricUnit
{
    Count,
    Percent,
    Hours,
    Score,
    PerItem,
}

/// <summary>
/// One roll-up metric as the domain knows it. Its label is <c>Metric_&lt;key&gt;</c> in <see cref="Texts"/>, so a
/// feature that adds a metric brings its own translations. <see cref="KeyFigure"/> metrics appear in
/// <c>/stats</c> and the weekly report; the others (per channel, per hour) feed charts and exports.
/// </summary>
public sealed record MetricDefinition(string Key, MetricAggregation Aggregation, MetricUnit Unit, Texts Texts, bool KeyFigure = true)
{
    public string Label(CultureInfo culture) => Texts.Get(culture, "Metric_" + Key);
}

/// <summary>Every metric the roll-up computes, in the order they are shown; keys are unique.</summary>
public sealed class MetricCatalog
{
    private readonly Dictionary<string, MetricDefinition> _byKey = new(StringComparer.OrdinalIgnoreCase);

    public MetricCatalog(IEnumerable<MetricDefinition> metrics)
    {
        var ordered = new List<MetricDefinition>();
        foreach (var metric in metrics)
        {
            if (!_byKey.TryAdd(metric.Key, metric))
            {
                throw new InvalidOperationException($"Stats metric '{metric.Key}' is declared twice.");
            }

            ordered.Add(metric);
        }

        All = ordered;
    }

    public IReadOnlyList<MetricDefinition> All { get; }

    public IEnumerable<MetricDefinition> KeyFigures => All.Where(m => m.KeyFigure);

    public bool TryGet(string key, out MetricDefinition metric) => _byKey.TryGetValue(key, out metric!);

    public MetricDefinition this[string key] => _byKey[key];
}

/// <summary>The metrics computed from the core tables (members, messages, audit log).</summary>
public static class CoreMetrics
{
    public const string Members = "members";
    public const string Joins = "joins";
    public const string Leaves = "leaves";
    public const string Dau = "dau";
    public const string Wau = "wau";
    public const string Mau = "mau";
    public const string Messages = "messages";
    public const string MessagesByChannel = "messages_channel";
    public const string MessagesByHour = "messages_hour";
    public const string RetentionDay1 = "retention_d1";
    public const string RetentionDay7 = "retention_d7";
    public const string RetentionDay30 = "retention_d30";
    public const string Conversion = "conversion";
    public const string Moderation = "moderation";

    /// <summary>The retention horizons (days after joining) and their metric keys.</summary>
    public static readonly IReadOnlyList<(int Days, string Key)> Retention = [(1, RetentionDay1), (7, RetentionDay7), (30, RetentionDay30)];

    public static IReadOnlyList<MetricDefinition> Definitions { get; } =
    [
        new(Members, MetricAggregation.Last, MetricUnit.Count, StatsText.Texts),
        new(Joins, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(Leaves, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(Dau, MetricAggregation.Average, MetricUnit.Count, StatsText.Texts),
        new(Wau, MetricAggregation.Last, MetricUnit.Count, StatsText.Texts),
        new(Mau, MetricAggregation.Last, MetricUnit.Count, StatsText.Texts),
        new(Messages, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
        new(MessagesByChannel, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts, KeyFigure: false),
        new(MessagesByHour, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts, KeyFigure: false),
        new(RetentionDay1, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(RetentionDay7, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(RetentionDay30, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(Conversion, MetricAggregation.Ratio, MetricUnit.Percent, StatsText.Texts),
        new(Moderation, MetricAggregation.Sum, MetricUnit.Count, StatsText.Texts),
    ];
}
