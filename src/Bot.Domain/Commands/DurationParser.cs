namespace Bot.Domain.Commands;

/// <summary>Durations as moderators type them: <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>7d</c>, <c>1w</c>, <c>1h30m</c>.</summary>
public static class DurationParser
{
    public static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        long number = -1;
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (c is >= '0' and <= '9')
            {
                number = (number < 0 ? 0 : number * 10) + (c - '0');
                if (number > 1_000_000)
                {
                    return false;
                }

                continue;
            }

            if (number < 0)
            {
                return false;
            }

            TimeSpan unit = c switch
            {
                's' => TimeSpan.FromSeconds(1),
                'm' => TimeSpan.FromMinutes(1),
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => TimeSpan.Zero,
            };
            if (unit == TimeSpan.Zero)
            {
                return false;
            }

            duration += unit * number;
            number = -1;
        }

        return number < 0 && duration > TimeSpan.Zero && duration <= Longest;
    }

    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalDays: >= 1 } when duration.TotalDays % 1 == 0 => $"{duration.TotalDays:0}d",
        { TotalHours: >= 1 } when duration.TotalHours % 1 == 0 => $"{duration.TotalHours:0}h",
        { TotalMinutes: >= 1 } when duration.TotalMinutes % 1 == 0 => $"{duration.TotalMinutes:0}m",
        _ => $"{duration.TotalSeconds:0}s",
    };
}
