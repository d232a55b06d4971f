using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Stats;

/// <summary><c>/stats [7d|30d|90d]</c>, <c>/kpi [set &lt;metric&gt; &lt;target&gt; [month|year]]</c> and <c>/export &lt;metric&gt; &lt;from&gt; &lt;to&gt;</c>, for staff with <see cref="Permission.ViewStats"/>.</summary>
public sealed class StatsCommands : ICommandHandler
{
    private static readonly string[] Periods = ["7d", "30d", "90d"];
    private readonly StatsRollups _rollups;
    private readonly IStatsStore _store;
    private readonly IChartRenderer _charts;
    private readonly MetricCatalog _catalog;
    private readonly StatsOptions _options;

    public StatsCommands(StatsRollups rollups, IStatsStore store, IChartRenderer charts, MetricCatalog catalog, StatsOptions options)
    {
        (_rollups, _store, _charts, _catalog, _options) = (rollups, store, charts, catalog, options);
        var keyFigures = _catalog.KeyFigures.Select(m => m.Key).ToList();
        var allMetrics = _catalog.All.Select(m => m.Key).ToList();
        Commands =
        [
            new("stats", "StatsDescription", Permission.ViewStats, StatsText.Texts,
            [
                new("period", OptionKind.Choice, "OptionPeriod", Required: false, Choices: Periods),
            ]),
            new("kpi", "KpiDescription", Permission.ViewStats, StatsText.Texts,
            [
                new("action", OptionKind.Choice, "OptionKpiAction", Required: false, Choices: ["set"]),
                new("metric", OptionKind.Choice, "OptionMetric", Required: false, Choices: keyFigures),
                new("target", OptionKind.Text, "OptionTarget", Required: false),
                new("per", OptionKind.Choice, "OptionKpiPeriod", Required: false, Choices: ["month", "year"]),
            ]),
            new("export", "ExportDescription", Permission.ViewStats, StatsText.Texts,
            [
                new("metric", OptionKind.Choice, "OptionMetric", Choices: allMetrics),
                new("from", OptionKind.Text, "OptionFrom"),
                new("to", OptionKind.Text, "OptionTo"),
            ]),
        ];
    }

    public IReadOnlyList<CommandSpec> Commands { get; }

    public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct) => call.Path switch
    {
        "stats" => StatsAsync(call, ct),
        "kpi" => KpiAsync(call, ct),
        _ => ExportAsync(call, ct),
    };

    private async Task<IReadOnlyList<BotAction>> StatsAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var days = int.Parse((call.Options.OptionalChoice("period") ?? Periods[0]).TrimEnd('d'), CultureInfo.InvariantCulture);
        var lastComplete = await _rollups.CatchUpAsync(call.Context, ct);
        var range = DateRange.Ending(lastComplete, days);
        var daily = await _store.DailyAsync(call.Community, [], new DateRange(range.Previous().From, range.To), ct);
        var text = StatsText.Get(culture, "StatsHeader", range, days) + "\n" + StatsFigures.KeyFigures(_catalog, daily, range, culture);
        var (body, file) = WeeklyReport.WithChart(text, $"stats-{days}d.png", _charts.RenderPng(StatsFigures.Activity(_catalog, daily, range, culture)), culture);
        return [call.Reply(body, ephemeral: true, file: file)];
    }

    private async Task<IReadOnlyList<BotAction>> KpiAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var options = call.Options;
        if (options.OptionalChoice("action") is null)
        {
            if (options.Has("metric") || options.Has("target") || options.Has("per"))
            {
                return [call.Reply(StatsText.Get(culture, "KpiSetUsage"), ephemeral: true)];
            }

            var lastComplete = await _rollups.CatchUpAsync(call.Context, ct);
            var daily = await _store.DailyAsync(call.Community, [], KpiFigures.YearToDate(lastComplete), ct);
            var rows = KpiFigures.Rows(_catalog, await _store.TargetsAsync(call.Community, ct), daily, lastComplete);
            var text = KpiFigures.Text(rows, lastComplete, culture);
            var (body, file) = rows.Count == 0 ? (text, null) : WeeklyReport.WithChart(text, "kpi.png", _charts.RenderPng(KpiFigures.Chart(rows, culture)), culture);
            return [call.Reply(body, ephemeral: true, file: file)];
        }

        if (options.OptionalChoice("metric") is not { } key || options.OptionalText("target") is not { } typed)
        {
            return [call.Reply(StatsText.Get(culture, "KpiSetUsage"), ephemeral: true)];
        }

        var metric = _catalog[key];
        if (KpiFigures.ParseTarget(metric, typed) is not { } target)
        {
            var rule = StatsText.Get(culture, metric.Unit == MetricUnit.Percent ? "KpiTargetPercent" : "KpiTargetCount");
            return [call.Reply(StatsText.Get(culture, "KpiBadTarget", typed, metric.Label(culture), rule), ephemeral: true)];
        }

        var period = options.OptionalChoice("per") == "year" ? KpiPeriod.Year : KpiPeriod.Month;
        await _store.SetTargetAsync(call.Community, new KpiTarget(metric.Key, period, target), call.Caller.User, call.Context.Now, ct);
        var periodName = StatsText.Get(culture, period == KpiPeriod.Month ? "KpiMonth" : "KpiYear");
        return [call.Reply(StatsText.Get(culture, "KpiSet", metric.Label(culture), periodName, MetricMath.Format(metric, target, culture)))];
    }

    private async Task<IReadOnlyList<BotAction>> ExportAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var metric = _catalog[call.Options.Choice("metric")];
        var fromText = call.Options.Text("from");
        var toText = call.Options.Text("to");
        if (!TryDate(fromText, out var from) || !TryDate(toText, out var to))
        {
            return [call.Reply(StatsText.Get(culture, "ExportBadDate", TryDate(fromText, out _) ? toText : fromText), ephemeral: true)];
        }

        var range = new DateRange(from, to);
        if (to < from || range.Days > _options.MaxExportDays)
        {
            return [call.Reply(StatsText.Get(culture, "ExportBadRange", range, _options.MaxExportDays), ephemeral: true)];
        }

        await _rollups.CatchUpAsync(call.Context, ct);
        var rows = await _store.RowsAsync(call.Community, metric.Key, range, ct);
        var csv = new StringBuilder("day,metric,dimension,value,base\n");
        foreach (var row in rows.OrderBy(r => r.Day).ThenBy(r => r.Dimension, StringComparer.Ordinal))
        {
            csv.Append(row.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',').Append(row.Metric).Append(',')
                .Append(Csv(row.Dimension)).Append(',').Append(row.Value.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(row.Base.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        var file = new Model.Attachment($"{metric.Key}_{fromText}_{toText}.csv", "text/csv", Encoding.UTF8.GetBytes(csv.ToString()));
        return [call.Reply(StatsText.Get(culture, "ExportDone", metric.Label(culture), range, rows.Count), ephemeral: true, file: file)];
    }

    private static bool TryDate(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>Quotes a field when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula.</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
