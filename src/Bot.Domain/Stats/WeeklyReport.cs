using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Stats;

/// <summary>
/// The weekly staff report: key figures against the week before with the members-and-activity chart, the
/// weekday × hour heat map, the retention cohort table, the conversion funnel by join week and KPI actual versus
/// target, each a staff post.
/// </summary>
public sealed class WeeklyReport(IStatsStore store, IChartRenderer charts, MetricCatalog catalog, StatsOptions options)
{
    public const int HeatMapDays = 28;

    public async Task<IReadOnlyList<BotAction>> BuildAsync(EventContext context, DateOnly lastComplete, CancellationToken ct)
    {
        var culture = context.Culture;
        var community = context.Community;
        var week = DateRange.Ending(lastComplete, 7);
        var year = KpiFigures.YearToDate(lastComplete);
        var from = new[] { week.Previous().From, year.From, lastComplete.AddDays(1 - HeatMapDays) }.Min();
        var daily = await store.DailyAsync(community, [], new DateRange(from, lastComplete), ct);
        var recent = DateRange.Ending(lastComplete, HeatMapDays);
        var hourly = await store.RowsAsync(community, CoreMetrics.MessagesByHour, recent, ct);
        var cohortFrom = StatsFigures.WeekStart(lastComplete).AddDays(-7 * (options.CohortWeeks - 1));
        var retention = new List<DimensionValue>();
        foreach (var (_, key) in CoreMetrics.Retention)
        {
            retention.AddRange(await store.RowsAsync(community, key, new DateRange(cohortFrom, lastComplete), ct));
        }

        var funnelRows = new List<DimensionValue>();
        foreach (var key in StatsFigures.FunnelSteps)
        {
            funnelRows.AddRange(await store.RowsAsync(community, key, new DateRange(cohortFrom, lastComplete), ct));
        }

        var cohorts = StatsFigures.Cohorts(catalog, retention, lastComplete, options.CohortWeeks, culture);
        var funnel = StatsFigures.Funnel(catalog, funnelRows, lastComplete, options.CohortWeeks, culture);
        var kpis = KpiFigures.Rows(catalog, await store.TargetsAsync(community, ct), daily, lastComplete);
        var summary = StatsText.Get(culture, "WeeklyHeader", week) + "\n" + StatsFigures.KeyFigures(catalog, daily, week, culture);
        var posts = new List<BotAction>
        {
            Post(community, summary, "activity", StatsFigures.Activity(catalog, daily, recent, culture), lastComplete, culture),
            Post(community, StatsText.Get(culture, "WeeklyHeatMap"), "heatmap", StatsFigures.WeekdayHours(hourly, recent, culture), lastComplete, culture),
            Post(community, StatsFigures.CohortText(cohorts, culture), "cohorts", cohorts, lastComplete, culture),
            Post(community, StatsFigures.CohortText(funnel, culture), "funnel", funnel, lastComplete, culture),
        };
        posts.Add(kpis.Count == 0
            ? new PostToStaff(community, KpiFigures.Text(kpis, lastComplete, culture))
            : Post(community, KpiFigures.Text(kpis, lastComplete, culture), "kpi", KpiFigures.Chart(kpis, culture), lastComplete, culture));
        return posts;
    }

    private PostToStaff Post(CommunityRef community, string text, string name, ChartSpec chart, DateOnly day, CultureInfo culture)
    {
        var (body, file) = WithChart(text, $"{name}-{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.png", charts.RenderPng(chart), culture);
        return new PostToStaff(community, body, File: file);
    }

    /// <summary>The text with its chart attached; when the chart could not be drawn, the text with a note saying so.</summary>
    public static (string Text, Attachment? File) WithChart(string text, string fileName, byte[]? png, CultureInfo culture) =>
        png is null
            ? (text + "\n" + StatsText.Get(culture, "ChartUnavailable"), null)
            : (text, new Attachment(fileName, "image/png", png));
}
