using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Faq;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Stats;

/// <summary>
/// The weekly staff report, one post: key figures against the week before, KPI actual versus target and what other
/// features add (<see cref="IWeeklyReportSection"/>: hot issues from suggestions) as text, and one picture with the
/// members-and-activity trend, the weekday × hour heat map, the retention cohorts, the conversion funnel,
/// satisfaction by week and the week's top FAQ gaps.
/// </summary>
public sealed class WeeklyReport(
    IStatsStore store, IFaqStore faq, IChartRenderer charts, MetricCatalog catalog, StatsOptions options, IEnumerable<IWeeklyReportSection>? sections = null)
{
    public const int HeatMapDays = 28;
    private const int GapCount = 5;
    private const int SatisfactionWeeks = 6;

    public async Task<IReadOnlyList<BotAction>> BuildAsync(EventContext context, DateOnly lastComplete, CancellationToken ct)
    {
        var culture = context.Culture;
        var community = context.Community;
        var week = DateRange.Ending(lastComplete, 7);
        var year = KpiFigures.YearToDate(lastComplete);
        var from = new[] { week.Previous().From, year.From, lastComplete.AddDays(1 - HeatMapDays), lastComplete.AddDays(1 - 7 * SatisfactionWeeks) }.Min();
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
        var kpis = KpiFigures.Rows(catalog, await store.TargetsAsync(community, ct), daily, lastComplete);
        var gaps = await faq.TopGapsAsync(community, GapCount, context.Now.AddDays(-7), ct);
        var summary = StatsText.Get(culture, "WeeklyHeader", week) + "\n" + StatsFigures.KeyFigures(catalog, daily, week, culture)
            + "\n\n" + KpiFigures.Text(kpis, lastComplete, culture);
        var picture = new PanelsSpec(
            StatsText.Get(culture, "WeeklyPictureTitle", week),
            [
                StatsFigures.Activity(catalog, daily, recent, culture),
                StatsFigures.WeekdayHours(hourly, recent, culture),
                cohorts,
                ReportFigures.FunnelBars(funnelRows, options.CohortWeeks, culture),
                ReportFigures.Satisfaction(daily, lastComplete, SatisfactionWeeks, culture),
                ReportFigures.Gaps(gaps, culture),
            ])
        {
            Locale = culture.Name,
        };
        var name = $"weekly-{lastComplete.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.png";
        var zone = context.Settings.Zone;
        var (weekFrom, weekTo) = (LocalMidnight(week.From, zone), LocalMidnight(week.To.AddDays(1), zone));
        foreach (var section in sections ?? [])
        {
            if (await section.BuildAsync(context, weekFrom, weekTo, ct) is { Length: > 0 } text)
            {
                summary += "\n\n" + text;
            }
        }

        var (body, file) = WithChart(summary, name, charts.RenderPng(picture), culture);
        return [new PostToStaff(community, body, File: file)];
    }

    /// <summary>The text with its chart attached; when the chart could not be drawn, the text with a note saying so.</summary>
    public static (string Text, Attachment? File) WithChart(string text, string fileName, byte[]? png, CultureInfo culture) =>
        png is null
            ? (text + "\n" + StatsText.Get(culture, "ChartUnavailable"), null)
            : (text, new Attachment(fileName, "image/png", png));

    private static DateTimeOffset LocalMidnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
