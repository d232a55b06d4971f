namespace Bot.Domain.Stats;

/// <summary>Local days and report times in a community's time zone.</summary>
public static class StatsCalendar
{
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>The last whole local day before <paramref name="now"/>: what a roll-up can cover.</summary>
    public static DateOnly LastCompleteDay(DateTimeOffset now, TimeZoneInfo zone) => Today(now, zone).AddDays(-1);

    /// <summary>
    /// The days to roll up: from the day after the last one done (or the first day with activity) to the last
    /// complete day, never more than <paramref name="maxDays"/> days back.
    /// </summary>
    public static IReadOnlyList<DateOnly> DaysToRollUp(DateOnly? lastDone, DateOnly? firstActivity, DateOnly lastComplete, int maxDays)
    {
        if (firstActivity is not { } first)
        {
            return [];
        }

        var start = lastDone is { } done ? done.AddDays(1) : first;
        var earliest = lastComplete.AddDays(1 - maxDays);
        if (start < earliest)
        {
            start = earliest;
        }

        var days = new List<DateOnly>();
        for (var day = start; day <= lastComplete; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    /// <summary>The latest weekly report time (<paramref name="day"/> at <paramref name="hour"/>:00 local) at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset LastReportTime(DateTimeOffset now, TimeZoneInfo zone, DayOfWeek day, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var back = ((int)local.DayOfWeek - (int)day + 7) % 7;
        var candidate = local.Date.AddDays(-back).AddHours(hour);
        if (candidate > local.DateTime)
        {
            candidate = candidate.AddDays(-7);
        }

        // A report hour skipped by a daylight-saving jump is taken an hour later.
        while (zone.IsInvalidTime(candidate))
        {
            candidate = candidate.AddHours(1);
        }

        return new DateTimeOffset(candidate, zone.GetUtcOffset(candidate)).ToUniversalTime();
    }

    /// <summary>Postgres wants an IANA zone name; .NET may hold a Windows id.</summary>
    public static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : "UTC";
}
