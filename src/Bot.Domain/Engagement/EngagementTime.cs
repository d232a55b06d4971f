using System.Globalization;
using Bot.Domain.Commands;

namespace Bot.Domain.Engagement;

/// <summary>
/// When something happens, as staff type it: a duration from now (<c>2h</c>, <c>3d</c>) or a local date and
/// time in the community's zone (<c>2025-07-01T19:00</c>, <c>"2025-07-01 19:00"</c>).
/// </summary>
public static class EngagementTime
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static bool TryParse(string text, DateTimeOffset now, TimeZoneInfo zone, out DateTimeOffset at)
    {
        at = default;
        var trimmed = text.Trim();
        if (DurationParser.TryParse(trimmed, out var after))
        {
            at = now + after;
            return true;
        }

        if (!DateTime.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // A wall-clock time skipped by a daylight-saving change does not exist; refuse rather than guess.
        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        at = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        return true;
    }
}
