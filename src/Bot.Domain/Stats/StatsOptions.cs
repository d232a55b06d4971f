using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Stats;

/// <summary>Bound from the <c>Stats</c> section.</summary>
public sealed class StatsOptions
{
    public const string Section = "Stats";

    /// <summary>The weekday of the weekly staff report, in the community's time zone.</summary>
    public DayOfWeek ReportDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The hour (0–23, community time) of the weekly staff report.</summary>
    [Range(0, 23)]
    public int ReportHour { get; set; } = 9;

    /// <summary>How far back missing roll-up days are filled in (on start, hourly, or before <c>/stats</c>).</summary>
    [Range(1, 3660)]
    public int MaxBackfillDays { get; set; } = 400;

    /// <summary>How many weekly join cohorts the report's retention table shows.</summary>
    [Range(1, 26)]
    public int CohortWeeks { get; set; } = 8;

    /// <summary>The longest span <c>/export</c> accepts, in days.</summary>
    [Range(1, 3660)]
    public int MaxExportDays { get; set; } = 400;
}
