using Bot.Domain.Model;

namespace Bot.Domain.Stats;

/// <summary>Which local days are rolled up, and the first local day with any activity.</summary>
public sealed record StatsCoverage(DateOnly? LastRolledUp, DateOnly? FirstActivity);

public enum KpiPeriod
{
    Month,
    Year,
}

public sealed record KpiTarget(string Metric, KpiPeriod Period, double Target);

/// <summary>
/// The daily roll-ups and what is kept around them. Days are local days in the time zone given as an
/// IANA name. A roll-up replaces the day's rows, so running it again gives the same rows.
/// </summary>
public interface IStatsStore
{
    Task<StatsCoverage> CoverageAsync(CommunityRef community, string timeZone, CancellationToken ct);

    /// <summary>Computes every registered metric for one local day and replaces that day's rows.</summary>
    Task RollUpAsync(CommunityRef community, DateOnly day, string timeZone, CancellationToken ct);

    /// <summary>
    /// Every metric for <paramref name="day"/> as it stands now, summed over dimensions and not stored: today's
    /// figures so far, shown as partial.
    /// </summary>
    Task<IReadOnlyList<DailyValue>> SoFarAsync(CommunityRef community, DateOnly day, string timeZone, CancellationToken ct);

    /// <summary>Daily values of the given metrics (all when empty), summed over dimensions.</summary>
    Task<IReadOnlyList<DailyValue>> DailyAsync(CommunityRef community, IReadOnlyCollection<string> metrics, DateRange range, CancellationToken ct);

    /// <summary>The stored rows of one metric, dimension by dimension.</summary>
    Task<IReadOnlyList<DimensionValue>> RowsAsync(CommunityRef community, string metric, DateRange range, CancellationToken ct);

    Task<IReadOnlyList<KpiTarget>> TargetsAsync(CommunityRef community, CancellationToken ct);

    Task SetTargetAsync(CommunityRef community, KpiTarget target, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<DateTimeOffset?> LastReportAsync(CommunityRef community, CancellationToken ct);

    Task SaveReportAsync(CommunityRef community, DateTimeOffset reportTime, CancellationToken ct);
}
