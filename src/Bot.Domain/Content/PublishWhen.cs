using System.Globalization;
using Bot.Domain.Commands;

namespace Bot.Domain.Content;

/// <summary>
/// When an approved post goes out, as a manager writes it: <c>peak</c> (the default), <c>now</c>,
/// <c>at 18:30</c> (the next such local time), <c>at 2025-04-07 18:30</c> (local), or <c>in 2h</c>.
/// </summary>
public abstract record PublishWhen
{
    public sealed record Peak : PublishWhen;

    public sealed record Now : PublishWhen;

    public sealed record At(DateTimeOffset Instant) : PublishWhen;

    /// <summary>Could not be read: <see cref="Key"/> names the message in the feature's strings.</summary>
    public sealed record Invalid(string Key, object[] Args) : PublishWhen;

    public static PublishWhen Parse(string? text, TimeZoneInfo zone, DateTimeOffset now)
    {
        var words = (text ?? string.Empty).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (words)
        {
            case []:
            case ["peak"]:
                return new Peak();
            case ["now"]:
                return new Now();
            case ["in", var duration]:
                return DurationParser.TryParse(duration, out var by) ? new At(now + by) : new Invalid("BadWhen", [text!]);
            case ["at", var clock] when Recurrence.TryParseClock(clock, out var hour, out var minute):
                var today = ZonedTime.ToLocal(now, zone).Date.AddHours(hour).AddMinutes(minute);
                var local = ZonedTime.ToInstant(today, zone) > now ? today : today.AddDays(1);
                return Local(local, zone, now, text!);
            case ["at", var date, var clock]
                when DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                    && Recurrence.TryParseClock(clock, out var hour, out var minute):
                return Local(day.AddHours(hour).AddMinutes(minute), zone, now, text!);
            default:
                return new Invalid("BadWhen", [text!]);
        }
    }

    private static PublishWhen Local(DateTime local, TimeZoneInfo zone, DateTimeOffset now, string text)
    {
        if (ZonedTime.IsSkipped(local, zone))
        {
            return new Invalid("SkippedTime", [local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), zone.Id]);
        }

        var instant = ZonedTime.ToInstant(local, zone);
        return instant <= now ? new Invalid("PastTime", [text]) : new At(instant);
    }
}
