using System.Globalization;
using System.Text;

namespace Bot.Domain.Health;

/// <summary>
/// What staff are told about actions that failed for good: <c>/health</c>'s report, and the hourly post in the staff
/// channel, made only when there are new dead letters and at most once per clock hour.
/// </summary>
public static class HealthDigest
{
    /// <summary>How many dead letters are listed one by one.</summary>
    public const int Latest = 5;

    public static bool ShouldPost(HealthDigestMark? last, long fresh, bool hasStaffChannel, DateTimeOffset now) =>
        fresh > 0 && hasStaffChannel && (last is null || Hour(last.PostedAt) < Hour(now));

    public static string Report(CultureInfo culture, TimeZoneInfo zone, HealthReport report)
    {
        var text = new StringBuilder(HealthText.Get(culture, "ReportTitle")).AppendLine()
            .AppendLine(HealthText.Get(culture, "ReportOutbox", report.Pending, Duration(culture, report.Lag)))
            .AppendLine(HealthText.Get(culture, "ReportDeadLetters", report.DeadLetters));
        AppendLetters(text, culture, zone, report.Latest);
        text.AppendLine(HealthText.Get(culture, "ReportPoison", report.PoisonUpdates));
        if (report.DeadLetters > 0)
        {
            text.AppendLine(HealthText.Get(culture, "ReportRetryHint"));
        }

        return text.ToString().TrimEnd();
    }

    public static string Post(CultureInfo culture, TimeZoneInfo zone, NewDeadLetters fresh)
    {
        var text = new StringBuilder(HealthText.Get(culture, "DigestTitle", fresh.Count)).AppendLine();
        AppendLetters(text, culture, zone, fresh.Latest);
        return text.AppendLine(HealthText.Get(culture, "ReportRetryHint")).ToString().TrimEnd();
    }

    public static string Retried(CultureInfo culture, long? id, int count) => (id, count) switch
    {
        (null, 0) => HealthText.Get(culture, "RetryNone"),
        ({ } one, 0) => HealthText.Get(culture, "RetryNotFound", one),
        _ => HealthText.Get(culture, "Retried", count),
    };

    /// <summary>A wait as staff read it: seconds, minutes or hours.</summary>
    public static string Duration(CultureInfo culture, TimeSpan span) => span switch
    {
        { TotalMinutes: < 2 } => HealthText.Get(culture, "Seconds", (long)span.TotalSeconds),
        { TotalHours: < 2 } => HealthText.Get(culture, "Minutes", (long)span.TotalMinutes),
        _ => HealthText.Get(culture, "Hours", (long)span.TotalHours),
    };

    private static void AppendLetters(StringBuilder text, CultureInfo culture, TimeZoneInfo zone, IReadOnlyList<DeadLetterEntry> letters)
    {
        foreach (var letter in letters)
        {
            var at = TimeZoneInfo.ConvertTime(letter.FailedAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            text.AppendLine(HealthText.Get(culture, "LetterLine", letter.Id, letter.Action, letter.Reason, letter.Attempts, at));
        }
    }

    private static DateTimeOffset Hour(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
