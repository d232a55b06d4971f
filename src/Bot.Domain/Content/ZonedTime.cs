namespace Bot.Domain.Content;

/// <summary>Local wall-clock times in a community's zone, correct across daylight-saving changes.</summary>
public static class ZonedTime
{
    /// <summary>
    /// The instant of a local time. A time skipped when clocks go forward is read with the offset before the
    /// change (02:30 in a 02:00→03:00 gap becomes 03:30); a repeated time takes its first (earlier) instant.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddHours(-3));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>True when the local time does not exist on that day (clocks went forward over it).</summary>
    public static bool IsSkipped(DateTime local, TimeZoneInfo zone) =>
        zone.IsInvalidTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));

    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).DateTime;
}
