using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Commands;
using Bot.Domain.Text;

namespace Bot.Domain.Moderation;

/// <summary>Why a rule, action or ladder did not parse: a key in the moderation texts and its arguments.</summary>
public sealed record RuleError(string Key, params object[] Args);

/// <summary>
/// Reads what moderators type. Patterns by kind:
/// <c>keyword</c> words separated by <c>,</c> or <c>，</c>; <c>regex</c> a .NET regex without backtracking features (run by the non-backtracking engine);
/// <c>links</c> <c>deny:a.com,b.org</c> or <c>allow:a.com</c>; <c>invites</c> <c>any</c> or allowed invite codes;
/// <c>mentions</c> the most mentions allowed; <c>flood</c> <c>5/10s</c>; <c>duplicates</c> <c>3/60s</c>;
/// <c>newmemberlinks</c> how long new members may not post links (<c>24h</c>).
/// </summary>
public static partial class RuleParser
{
    /// <summary>For the few saved rules that still backtrack.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The non-backtracking engine is linear in the text, so its timeout is only a backstop: generous enough that building
    /// its automaton on a busy machine does not turn an innocent message into a hit.
    /// </summary>
    public static readonly TimeSpan LinearRegexTimeout = TimeSpan.FromSeconds(2);

    public static readonly IReadOnlyList<string> KindNames = [.. Enum.GetValues<RuleKind>().Select(KindName)];

    public static string KindName(RuleKind kind) => kind.ToString().ToLowerInvariant();

    public static RuleKind? ParseKind(string text) =>
        Enum.GetValues<RuleKind>().Cast<RuleKind?>().FirstOrDefault(k => KindName(k!.Value).Equals(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>Checks a pattern for its kind and returns it tidied (trimmed, keywords de-duplicated).</summary>
    public static (string? Pattern, RuleError? Error) ParsePattern(RuleKind kind, string raw)
    {
        var pattern = raw.Trim();
        if (pattern.Length == 0)
        {
            return (null, new RuleError("EmptyPattern"));
        }

        switch (kind)
        {
            case RuleKind.Keyword:
                var words = SplitList(pattern);
                var empty = words.FirstOrDefault(w => TextNormalizer.Normalize(w).Length == 0 || w.Any(char.IsSurrogate));
                if (words.Count == 0 || empty is not null)
                {
                    return (null, new RuleError("EmptyKeyword", empty ?? pattern));
                }

                return (string.Join(',', words.Distinct(StringComparer.Ordinal)), null);
            case RuleKind.Regex:
                try
                {
                    // Linear time whatever the message: a member cannot craft text that makes the check slow.
                    _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, LinearRegexTimeout);
                    return (pattern, null);
                }
                catch (NotSupportedException ex)
                {
                    return (null, new RuleError("RegexNeedsBacktracking", pattern, ex.Message));
                }
                catch (ArgumentException ex)
                {
                    return (null, new RuleError("BadRegex", pattern, ex.Message));
                }

            case RuleKind.Links:
                var colon = pattern.IndexOf(':', StringComparison.Ordinal);
                var mode = colon > 0 ? pattern[..colon].ToLowerInvariant() : string.Empty;
                var domains = colon > 0 ? SplitList(pattern[(colon + 1)..]).Select(d => d.ToLowerInvariant().TrimStart('.')).ToList() : [];
                if (mode is not ("allow" or "deny") || domains.Count == 0 || domains.Any(d => !DomainShape().IsMatch(d)))
                {
                    return (null, new RuleError("BadLinks", pattern));
                }

                return ($"{mode}:{string.Join(',', domains.Distinct())}", null);
            case RuleKind.Invites:
                return pattern.Equals("any", StringComparison.OrdinalIgnoreCase) ? ("any", null) : (string.Join(',', SplitList(pattern)), null);
            case RuleKind.Mentions:
                return int.TryParse(pattern, NumberStyles.None, CultureInfo.InvariantCulture, out var most) && most is > 0 and <= 100
                    ? (most.ToString(CultureInfo.InvariantCulture), null)
                    : (null, new RuleError("BadMentions", pattern));
            case RuleKind.Flood or RuleKind.Duplicates:
                return TryParseRate(pattern, out var count, out var window)
                    ? ($"{count}/{DurationParser.Format(window)}", null)
                    : (null, new RuleError("BadRate", pattern));
            default:
                return DurationParser.TryParse(pattern, out var hours)
                    ? (DurationParser.Format(hours), null)
                    : (null, new RuleError("BadDuration", pattern));
        }
    }

    /// <summary><c>delete</c>, <c>warn</c>, <c>timeout 10m</c>, <c>kick</c>, <c>ban</c>, <c>ban 7d</c>, <c>log</c>; empty means delete.</summary>
    public static (RuleAction? Action, RuleError? Error) ParseAction(string? text)
    {
        var words = (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return (RuleAction.Delete, null);
        }

        if (!Enum.TryParse<ActionKind>(words[0], ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || words.Length > 2 || words[0].All(char.IsDigit))
        {
            return (null, new RuleError("BadAction", text!));
        }

        TimeSpan? duration = null;
        if (words.Length == 2)
        {
            if (kind is not (ActionKind.Timeout or ActionKind.Ban) || !DurationParser.TryParse(words[1], out var d))
            {
                return (null, new RuleError("BadAction", text!));
            }

            duration = d;
        }

        if (kind == ActionKind.Timeout && (duration is null || duration > TimeSpan.FromDays(28)))
        {
            return (null, new RuleError("TimeoutNeedsDuration", text!));
        }

        return (new RuleAction(kind, duration), null);
    }

    /// <summary><c>5/10s</c>: a count from 2 to 100 and a window up to a day.</summary>
    public static bool TryParseRate(string text, out int count, out TimeSpan window)
    {
        (count, window) = (0, TimeSpan.Zero);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 2 and <= 100
            && DurationParser.TryParse(text[(slash + 1)..], out window) && window <= TimeSpan.FromDays(1);
    }

    public static List<string> SplitList(string text) =>
        [.. text.Split([',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^[a-z0-9\-]+(\.[a-z0-9\-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainShape();
}
