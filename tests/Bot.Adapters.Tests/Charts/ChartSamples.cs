using System.Globalization;
using Bot.Domain.Faq;
using Bot.Domain.Stats;

namespace Bot.Adapters.Tests.Charts;

/// <summary>
/// Every chart the bot sends, built by the domain's own figure functions from made-up roll-up rows of four sizes:
/// empty, one day, a typical week-old community and a large one.
/// </summary>
internal static class ChartSamples
{
    public static readonly string[] Sizes = ["empty", "one-day", "typical", "large"];
    public static readonly string[] Languages = ["en", "zh-TW"];
    private static readonly MetricCatalog Catalog = new(CoreMetrics.Definitions.Concat(FeatureMetrics.Definitions));
    private static readonly DateOnly Last = new(2026, 11, 29);

    public static IEnumerable<(string Name, ChartSpec Chart)> All(string size, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var scale = size switch { "empty" => 0, "one-day" => 1, "typical" => 40, _ => 25_000 };
        var days = size == "one-day" ? 1 : 28;
        var range = DateRange.Ending(Last, days);
        var daily = Daily(range, scale).ToList();
        var hourly = scale == 0 ? [] : Hourly(range, scale).ToList();
        var cohorts = scale == 0 ? [] : Cohorts(scale).ToList();
        var gaps = scale == 0 ? [] : Gaps(size == "large" ? 5 : 2);
        yield return ("activity", StatsFigures.Activity(Catalog, daily, range, culture, lastIsPartial: size != "empty"));
        yield return ("heatmap", StatsFigures.WeekdayHours(hourly, range, culture));
        yield return ("cohorts", StatsFigures.Cohorts(Catalog, cohorts, Last, 8, culture));
        yield return ("funnel", ReportFigures.FunnelBars(cohorts, 8, culture));
        yield return ("satisfaction", ReportFigures.Satisfaction(daily, Last, 6, culture));
        yield return ("gaps", ReportFigures.Gaps(gaps, culture));
        var kpis = KpiFigures.Rows(Catalog, [new KpiTarget(CoreMetrics.Members, KpiPeriod.Month, 120 * Math.Max(1, scale)), new KpiTarget(CoreMetrics.RetentionDay7, KpiPeriod.Year, 0.4)], daily, Last);
        yield return ("kpi", KpiFigures.Chart(kpis, culture));
        yield return ("weekly", new PanelsSpec("Weekly community report 2026-11-23–2026-11-29 每週社群報告", [.. All(size, language).Take(6).Select(x => x.Chart)]) { Locale = language });
    }

    private static IEnumerable<DailyValue> Daily(DateRange range, int scale)
    {
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            var i = day.DayNumber - range.From.DayNumber;
            yield return new DailyValue(day, CoreMetrics.Members, scale * (30 + i), 0);
            yield return new DailyValue(day, CoreMetrics.Dau, scale * (5 + i % 7), 0);
            yield return new DailyValue(day, CoreMetrics.Messages, scale * (40 + 13 * (i % 5)), 0);
            yield return new DailyValue(day, FeatureMetrics.Satisfaction, scale == 0 ? 0 : 4 + i % 2, scale == 0 ? 0 : 1);
        }
    }

    private static IEnumerable<DimensionValue> Hourly(DateRange range, int scale)
    {
        for (var day = range.From; day <= range.To; day = day.AddDays(1))
        {
            for (var hour = 8; hour < 24; hour += 3)
            {
                yield return new DimensionValue(day, CoreMetrics.MessagesByHour, hour.ToString("00", CultureInfo.InvariantCulture), scale * (hour % 7 + 1), 0);
            }
        }
    }

    private static IEnumerable<DimensionValue> Cohorts(int scale)
    {
        for (var week = 0; week < 8; week++)
        {
            var joined = Last.AddDays(-7 * week - 3);
            var dimension = joined.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var size = scale * (10 + week);
            foreach (var (days, key) in CoreMetrics.Retention.Where(r => r.Days <= 7 * week + 3))
            {
                yield return new DimensionValue(joined.AddDays(days), key, dimension, size * (0.9 - days / 40.0), size);
            }

            yield return new DimensionValue(joined.AddDays(7), CoreMetrics.Conversion, dimension, size * 0.6, size);
            if (week >= 5)
            {
                yield return new DimensionValue(joined.AddDays(30), FeatureMetrics.ConversionActive, dimension, size * 0.2, size);
            }
        }
    }

    private static List<FaqGap> Gaps(int count) =>
    [
        .. new (string Sample, int Count)[]
        {
            ("怎麼把會員等級的積分換成折扣碼？可以跟朋友合併嗎", 14),
            ("When does the next offline meetup in Taipei open registration for members outside the city?", 9),
            ("抽獎結果在哪裡看", 7),
            ("Can I change the email on my account", 4),
            ("退款要多久", 3),
        }.Take(count).Select((g, i) => new FaqGap(i + 1, g.Sample, g.Sample, g.Count, DateTimeOffset.UnixEpoch)),
    ];
}
