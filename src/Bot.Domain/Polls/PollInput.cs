using Bot.Domain.Commands;

namespace Bot.Domain.Polls;

/// <summary>
/// <c>question | option | option … [duration]</c>: parts split on <c>|</c> (or the full-width <c>｜</c>); a last word that
/// reads as a duration (<c>2h</c>, <c>3d</c>) is the poll's length, not part of the last option.
/// </summary>
public static class PollInput
{
    public sealed record Parsed(string Question, IReadOnlyList<string> Options, TimeSpan? Duration);

    public static (Parsed? Poll, string? ErrorKey) Parse(string text, int maxOptions)
    {
        var parts = text.Split(['|', '｜'], StringSplitOptions.TrimEntries).ToList();
        TimeSpan? duration = null;
        if (parts.Count > 0)
        {
            var last = parts[^1];
            var space = last.LastIndexOf(' ');
            var word = space < 0 ? last : last[(space + 1)..];
            if (DurationParser.TryParse(word, out var parsed) && parsed > TimeSpan.Zero)
            {
                duration = parsed;
                parts[^1] = space < 0 ? string.Empty : last[..space].Trim();
            }
        }

        parts = [.. parts.Where(p => p.Length > 0)];
        if (parts.Count < 3)
        {
            return (null, "TooFewOptions");
        }

        var options = parts.Skip(1).ToList();
        if (options.Count > maxOptions)
        {
            return (null, "TooManyOptions");
        }

        return options.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Count
            ? (null, "DuplicateOptions")
            : (new Parsed(parts[0], options, duration), null);
    }
}
