namespace Bot.Domain.Content;

/// <summary>
/// Picks when to publish: the start of the local hour, within the horizon, whose weekday × hour has the most
/// measured activity and that no other scheduled post already occupies; the earliest such hour on ties.
/// </summary>
public static class PeakPlanner
{
    /// <summary>Offsets of every zone are whole quarter hours, so stepping by 15 minutes meets every local hour start.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan SlotLength = TimeSpan.FromHours(1);

    public static DateTimeOffset? NextSlot(
        ActivityHistogram histogram,
        TimeZoneInfo zone,
        DateTimeOffset now,
        IReadOnlyCollection<DateTimeOffset> taken,
        TimeSpan horizon,
        TimeSpan minimumLead)
    {
        DateTimeOffset? best = null;
        var bestCount = -1L;
        foreach (var slot in HourStarts(zone, now + minimumLead, now + horizon))
        {
            if (taken.Any(t => t >= slot && t < slot + SlotLength))
            {
                continue;
            }

            var local = ZonedTime.ToLocal(slot, zone);
            var count = histogram[local.DayOfWeek, local.Hour];
            if (count > bestCount)
            {
                (best, bestCount) = (slot, count);
            }
        }

        return best;
    }

    /// <summary>
    /// Every instant in [from, until) at which local clocks show HH:00. An hour skipped by a spring-forward change
    /// has no instant; an hour repeated in autumn has two.
    /// </summary>
    public static IEnumerable<DateTimeOffset> HourStarts(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset until)
    {
        var utc = from.ToUniversalTime();
        var t = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute / 15 * 15, 0, TimeSpan.Zero);
        if (t < utc)
        {
            t += Step;
        }

        for (; t < until; t += Step)
        {
            if (TimeZoneInfo.ConvertTime(t, zone).Minute == 0)
            {
                yield return t;
            }
        }
    }
}
