using Bot.Domain.Model;
using Bot.Domain.Stats;

namespace Bot.Domain.Tests.Stats;

internal sealed class FakeStatsStore : IStatsStore
{
    public List<DimensionValue> Rows { get; } = [];

    public List<KpiTarget> Targets { get; } = [];

    public List<DateOnly> RolledUp { get; } = [];

    public DateOnly? FirstActivity { get; set; }

    public DateTimeOffset? LastReport { get; set; }

    public int Reads { get; private set; }

    public Task<StatsCoverage> CoverageAsync(CommunityRef community, string timeZone, CancellationToken ct) =>
        Task.FromResult(new StatsCoverage(RolledUp.Count == 0 ? null : RolledUp.Max(), FirstActivity));

    public Task RollUpAsync(CommunityRef community, DateOnly day, string timeZone, CancellationToken ct)
    {
        RolledUp.Add(day);
        return Task.CompletedTask;
    }

    public List<DailyValue> Today { get; } = [];

    public Task<IReadOnlyList<DailyValue>> SoFarAsync(CommunityRef community, DateOnly day, string timeZone, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<DailyValue>>([.. Today.Where(t => t.Day == day)]);

    public Task<IReadOnlyList<DailyValue>> DailyAsync(CommunityRef community, IReadOnlyCollection<string> metrics, DateRange range, CancellationToken ct)
    {
        Reads++;
        IReadOnlyList<DailyValue> daily = [.. Rows
            .Where(r => range.Contains(r.Day) && (metrics.Count == 0 || metrics.Contains(r.Metric)))
            .GroupBy(r => (r.Day, r.Metric))
            .Select(g => new DailyValue(g.Key.Day, g.Key.Metric, g.Sum(r => r.Value), g.Sum(r => r.Base)))];
        return Task.FromResult(daily);
    }

    public Task<IReadOnlyList<DimensionValue>> RowsAsync(CommunityRef community, string metric, DateRange range, CancellationToken ct)
    {
        Reads++;
        return Task.FromResult<IReadOnlyList<DimensionValue>>([.. Rows.Where(r => r.Metric == metric && range.Contains(r.Day))]);
    }

    public Task<IReadOnlyList<KpiTarget>> TargetsAsync(CommunityRef community, CancellationToken ct) => Task.FromResult<IReadOnlyList<KpiTarget>>([.. Targets]);

    public Task SetTargetAsync(CommunityRef community, KpiTarget target, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        Targets.RemoveAll(t => t.Metric == target.Metric && t.Period == target.Period);
        Targets.Add(target);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> LastReportAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(LastReport);

    public Task SaveReportAsync(CommunityRef community, DateTimeOffset reportTime, CancellationToken ct)
    {
        LastReport = reportTime;
        return Task.CompletedTask;
    }
}

/// <summary>Records what it was asked to draw and returns a fixed PNG-looking payload (null when <see cref="Unavailable"/>).</summary>
internal sealed class FakeChartRenderer : IChartRenderer
{
    public List<ChartSpec> Drawn { get; } = [];

    public bool Unavailable { get; set; }

    public byte[]? RenderPng(ChartSpec chart)
    {
        Drawn.Add(chart);
        return Unavailable ? null : [0x89, 0x50, 0x4E, 0x47];
    }
}
