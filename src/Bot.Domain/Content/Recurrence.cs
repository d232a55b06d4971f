using System.Globalization;

namespace Bot.Domain.Content;

/// <summary>
/// When a recurring post comes back, as staff write it: <c>daily 09:00</c>, <c>weekly mon,thu 18:30</c>.
/// It becomes a Quartz cron expression in the community's zone for the scheduler; occurrences are computed
/// here too, so the feature knows which one a timer fired for even when it fired late.
/// </summary>
public sealed record Recurrence(IReadOnlySet<DayOfWeek> Days, int Hour, int Minute)
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static bool TryParse(string text, out Recurrence recurrence)
    {
        recurrence = null!;
        var words = text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return false;
        }

        HashSet<DayOfWeek> days;
        string time;
        switch (words)
        {
            case ["daily", var t]:
                days = [.. Enum.GetValues<DayOfWeek>()];
                time = t;
                break;
            case ["weekly", var list, var t]:
                days = [];
                foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var index = Array.IndexOf(DayNames, name.Length >= 3 ? name[..3] : name);
                    if (index < 0)
                    {
                        return false;
                    }

                    days.Add((DayOfWeek)index);
                }

                time = t;
                break;
            default:
                return false;
        }

        if (days.Count == 0 || !TryParseClock(time, out var hour, out var minute))
        {
            return false;
        }

        recurrence = new Recurrence(days, hour, minute);
        return true;
    }

    /// <summary><c>HH:mm</c> on a 24-hour clock.</summary>
    public static bool TryParseClock(string text, out int hour, out int minute)
    {
        hour = minute = 0;
        var parts = text.Split(':');
        return parts.Length == 2 && parts[1].Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour) && hour is >= 0 and <= 23
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute) && minute is >= 0 and <= 59;
    }

    /// <summary>Quartz's cron syntax: seconds, minutes, hours, day of month, month, day of week.</summary>
    public string ToCron() => Days.Count == 7
        ? string.Create(CultureInfo.InvariantCulture, $"0 {Minute} {Hour} * * ?")
        : string.Create(CultureInfo.InvariantCulture, $"0 {Minute} {Hour} ? * {string.Join(',', Days.Order().Select(d => DayNames[(int)d].ToUpperInvariant()))}");

    /// <summary>The canonical text form, as stored.</summary>
    public override string ToString() => Days.Count == 7
        ? string.Create(CultureInfo.InvariantCulture, $"daily {Hour:00}:{Minute:00}")
        : string.Create(CultureInfo.InvariantCulture, $"weekly {string.Join(',', Days.Order().Select(d => DayNames[(int)d]))} {Hour:00}:{Minute:00}");

    /// <summary>The latest occurrence at or before <paramref name="at"/>, looking back at most two weeks.</summary>
    public DateTimeOffset? Previous(DateTimeOffset at, TimeZoneInfo zone)
    {
        var day = ZonedTime.ToLocal(at, zone).Date;
        for (var i = 0; i <= 14; i++, day = day.AddDays(-1))
        {
            if (OnDay(day, zone) is { } occurrence && occurrence <= at)
            {
                return occurrence;
            }
        }

        return null;
    }

    /// <summary>Occurrences strictly after <paramref name="after"/> and before <paramref name="until"/>, in order.</summary>
    public IEnumerable<DateTimeOffset> Between(DateTimeOffset after, DateTimeOffset until, TimeZoneInfo zone)
    {
        for (var day = ZonedTime.ToLocal(after, zone).Date; ; day = day.AddDays(1))
        {
            if (OnDay(day, zone) is { } occurrence && occurrence > after)
            {
                if (occurrence >= until)
                {
                    yield break;
                }

                yield return occurrence;
            }
            else if (ZonedTime.ToInstant(day, zone) >= until)
            {
                yield break;
            }
        }
    }

    public DateTimeOffset Next(DateTimeOffset after, TimeZoneInfo zone) => Between(after, DateTimeOffset.MaxValue.AddDays(-2), zone).First();

    private DateTimeOffset? OnDay(DateTime localDay, TimeZoneInfo zone) =>
        Days.Contains(localDay.DayOfWeek) ? ZonedTime.ToInstant(localDay.AddHours(Hour).AddMinutes(Minute), zone) : null;
}
