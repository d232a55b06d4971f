namespace Bot.Domain.Content;

/// <summary>Messages per local weekday × hour over a window: how active a community usually is at each hour of the week.</summary>
public sealed class ActivityHistogram
{
    private readonly long[] _counts = new long[7 * 24];

    public long this[DayOfWeek day, int hour] => _counts[Index(day, hour)];

    public long Total => _counts.Sum();

    public void Add(DayOfWeek day, int hour, long count) => _counts[Index(day, hour)] += count;

    /// <summary>The busiest hours of the week, busiest first (earlier in the week on ties); empty hours left out.</summary>
    public IReadOnlyList<(DayOfWeek Day, int Hour, long Count)> Top(int count) =>
        [.. Enumerable.Range(0, _counts.Length)
            .Where(i => _counts[i] > 0)
            .OrderByDescending(i => _counts[i])
            .ThenBy(i => i)
            .Take(count)
            .Select(i => ((DayOfWeek)(i / 24), i % 24, _counts[i]))];

    private static int Index(DayOfWeek day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        return ((int)day * 24) + hour;
    }
}
