using System.Globalization;
using Bot.Domain.Model;
using Bot.Domain.Stats;

namespace Bot.Adapters.Postgres.Stats;

public sealed class PostgresStatsStore(DbSession db, RollupSql rollup) : IStatsStore
{
    public async Task<StatsCoverage> CoverageAsync(CommunityRef community, string timeZone, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<(DateTime? Last, DateTime? First)>(
            """
            select (select max(day) from stats_rollups where community = @c),
                   (select (min(least(first_seen, coalesce(joined_at, first_seen))) at time zone @tz)::date from members where community = @c)
            """,
            new { c = community.ToString(), tz = timeZone }, ct);
        return new StatsCoverage(Day(row.Last), Day(row.First));
    }

    public async Task RollUpAsync(CommunityRef community, DateOnly day, string timeZone, CancellationToken ct)
    {
        var key = new { c = community.ToString(), day = Text(day), tz = timeZone };
        var rows = await db.QueryAsync<(string Metric, string Dimension, double Value, double Base)>(rollup.Query, key, ct);
        await db.ExecuteAsync(
            rollup.Replace,
            new
            {
                key.c, key.day, key.tz,
                metrics = rows.Select(r => r.Metric).ToArray(),
                dimensions = rows.Select(r => r.Dimension).ToArray(),
                values = rows.Select(r => r.Value).ToArray(),
                bases = rows.Select(r => r.Base).ToArray(),
            },
            ct);
    }

    public async Task<IReadOnlyList<DailyValue>> SoFarAsync(CommunityRef community, DateOnly day, string timeZone, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Metric, string Dimension, double Value, double Base)>(
            rollup.Query, new { c = community.ToString(), day = Text(day), tz = timeZone }, ct);
        return [.. rows.GroupBy(r => r.Metric).Select(g => new DailyValue(day, g.Key, g.Sum(r => r.Value), g.Sum(r => r.Base)))];
    }

    public async Task<IReadOnlyList<DailyValue>> DailyAsync(CommunityRef community, IReadOnlyCollection<string> metrics, DateRange range, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(DateTime Day, string Metric, double Value, double Base)>(
            """
            select day, metric, sum(value), sum(base) from stats_daily
            where community = @c and day between @from::date and @to::date and (cardinality(@metrics) = 0 or metric = any(@metrics))
            group by day, metric order by day, metric
            """,
            new { c = community.ToString(), from = Text(range.From), to = Text(range.To), metrics = metrics.ToArray() }, ct);
        return [.. rows.Select(r => new DailyValue(DateOnly.FromDateTime(r.Day), r.Metric, r.Value, r.Base))];
    }

    public async Task<IReadOnlyList<DimensionValue>> RowsAsync(CommunityRef community, string metric, DateRange range, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(DateTime Day, string Dimension, double Value, double Base)>(
            """
            select day, dimension, value, base from stats_daily
            where community = @c and metric = @metric and day between @from::date and @to::date
            order by day, dimension
            """,
            new { c = community.ToString(), metric, from = Text(range.From), to = Text(range.To) }, ct);
        return [.. rows.Select(r => new DimensionValue(DateOnly.FromDateTime(r.Day), metric, r.Dimension, r.Value, r.Base))];
    }

    public async Task<IReadOnlyList<KpiTarget>> TargetsAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Metric, string Period, double Target)>(
            "select metric, period, target from stats_kpi_targets where community = @c order by metric, period",
            new { c = community.ToString() }, ct);
        return [.. rows.Select(r => new KpiTarget(r.Metric, r.Period == "year" ? KpiPeriod.Year : KpiPeriod.Month, r.Target))];
    }

    public Task SetTargetAsync(CommunityRef community, KpiTarget target, UserRef by, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into stats_kpi_targets (community, metric, period, target, set_by, set_at) values (@c, @metric, @period, @target, @by, @at)
        on conflict (community, metric, period) do update set target = excluded.target, set_by = excluded.set_by, set_at = excluded.set_at
        """,
        new { c = community.ToString(), metric = target.Metric, period = target.Period.ToString().ToLowerInvariant(), target = target.Target, by = by.Id, at }, ct);

    public async Task<DateTimeOffset?> LastReportAsync(CommunityRef community, CancellationToken ct) =>
        Core.Utc.Of(await db.QuerySingleOrDefaultAsync<DateTime?>(
            "select last_report from stats_reports where community = @c", new { c = community.ToString() }, ct));

    public Task SaveReportAsync(CommunityRef community, DateTimeOffset reportTime, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into stats_reports (community, last_report) values (@c, @reportTime)
        on conflict (community) do update set last_report = greatest(stats_reports.last_report, excluded.last_report)
        """,
        new { c = community.ToString(), reportTime }, ct);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Day(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
