using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Domain.Commands;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Moderation;

/// <summary>A rule that fired on a message, and the original text it fired on (for the member's explanation).</summary>
public sealed record RuleHit(ModerationRule Rule, string Excerpt);

/// <summary>Everything the rules look at for one message.</summary>
public sealed record MessageFacts(
    string Text,
    string ChannelId,
    Member Author,
    int Mentions,
    DateTimeOffset At,
    DateTimeOffset? JoinedAt,
    string? Tier,
    IReadOnlySet<StaffRole> StaffRoles,
    IReadOnlyList<RecentPost>? Recent);

/// <summary>
/// A community's rules compiled once: every keyword of every keyword rule goes into one
/// <see cref="KeywordAutomaton"/>, regexes are built with their match timeout. Immutable, shared by threads.
/// </summary>
public sealed class RuleSet
{
    private readonly IReadOnlyList<ModerationRule> _rules;
    private readonly KeywordAutomaton? _keywords;
    private readonly ModerationRule[] _keywordRule;
    private readonly Dictionary<long, Regex> _regexes = [];

    public RuleSet(IReadOnlyList<ModerationRule> rules)
    {
        _rules = rules;
        var keywordRules = rules.Where(r => r.Kind == RuleKind.Keyword)
            .SelectMany(r => RuleParser.SplitList(r.Pattern).Select(k => (Rule: r, Keyword: k))).ToList();
        _keywordRule = [.. keywordRules.Select(k => k.Rule)];
        _keywords = keywordRules.Count == 0 ? null : KeywordAutomaton.Build(keywordRules.Select(k => k.Keyword));
        foreach (var rule in rules.Where(r => r.Kind == RuleKind.Regex))
        {
            _regexes[rule.Id] = Compile(rule.Pattern);
        }
    }

    public IReadOnlyList<ModerationRule> Rules => _rules;

    // Rules saved before patterns were checked for it may need backtracking: they keep running, with the timeout.
    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, RuleParser.LinearRegexTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, RuleParser.RegexTimeout);
        }
    }

    /// <summary>A key that changes whenever anything about the rules does: the cache rebuilds on it.</summary>
    public static string Fingerprint(IReadOnlyList<ModerationRule> rules) =>
        string.Join('\n', rules.Select(r => $"{r.Id}|{r.Kind}|{r.Pattern}|{r.Action}|{r.Mode}|{string.Join(',', r.Exemptions.Roles)}|{string.Join(',', r.Exemptions.Tiers)}|{string.Join(',', r.Exemptions.Channels)}"));

    /// <summary>The rules the message breaks, in rule order, leaving out rules the author or channel is exempt from.</summary>
    public IReadOnlyList<RuleHit> Evaluate(MessageFacts facts)
    {
        var hits = new List<RuleHit>();
        var keywordHits = new Dictionary<long, string>();
        // The fused scan answers most messages (no keyword) without normalising; only a hit pays for the excerpt.
        if (_keywords is not null && _keywords.IsMatch(facts.Text))
        {
            var normalized = TextNormalizer.Analyze(facts.Text);
            foreach (var hit in _keywords.FindAll(normalized))
            {
                keywordHits.TryAdd(_keywordRule[hit.Keyword].Id, normalized.OriginalSpan(hit.Start, hit.End));
            }
        }

        foreach (var rule in _rules)
        {
            if (IsExempt(rule, facts))
            {
                continue;
            }

            var excerpt = rule.Kind == RuleKind.Keyword ? keywordHits.GetValueOrDefault(rule.Id) : CheckOrHit(rule, facts);
            if (excerpt is not null)
            {
                hits.Add(new RuleHit(rule, excerpt));
            }
        }

        return hits;
    }

    // A message too slow to check (a legacy backtracking pattern, or the link scanner's own patterns) is a hit:
    // otherwise a member could write text crafted to slip past the rule.
    private string? CheckOrHit(ModerationRule rule, MessageFacts facts)
    {
        try
        {
            return Check(rule, facts);
        }
        catch (RegexMatchTimeoutException)
        {
            return Shorten(facts.Text);
        }
    }

    private string? Check(ModerationRule rule, MessageFacts facts)
    {
        switch (rule.Kind)
        {
            case RuleKind.Regex:
                var match = _regexes[rule.Id].Match(facts.Text);
                return match.Success ? match.Value : null;

            case RuleKind.Links:
                var listed = RuleParser.SplitList(rule.Pattern[(rule.Pattern.IndexOf(':', StringComparison.Ordinal) + 1)..]);
                var allow = rule.Pattern.StartsWith("allow:", StringComparison.Ordinal);
                return LinkScanner.Hosts(facts.Text).FirstOrDefault(host => listed.Any(d => LinkScanner.HostMatches(host, d)) != allow);
            case RuleKind.Invites:
                var allowed = rule.Pattern == "any" ? [] : RuleParser.SplitList(rule.Pattern);
                return LinkScanner.Invites(facts.Text).FirstOrDefault(code => !allowed.Contains(code, StringComparer.OrdinalIgnoreCase));
            case RuleKind.Mentions:
                var most = int.Parse(rule.Pattern, CultureInfo.InvariantCulture);
                return facts.Mentions > most ? $"@×{facts.Mentions}" : null;
            case RuleKind.Flood when facts.Recent is { } recent:
                RuleParser.TryParseRate(rule.Pattern, out var count, out var window);
                var inWindow = recent.Count(p => p.At > facts.At - window);
                return inWindow >= count ? $"{inWindow}/{DurationParser.Format(window)}" : null;
            case RuleKind.Duplicates when facts.Recent is { Count: > 0 } recent:
                RuleParser.TryParseRate(rule.Pattern, out var times, out var span);
                var last = recent[^1];
                var same = recent.Count(p => p.TextHash == last.TextHash && p.At > facts.At - span);
                return last.TextHash != EmptyHash && same >= times ? Shorten(facts.Text) : null;
            case RuleKind.NewMemberLinks:
                DurationParser.TryParse(rule.Pattern, out var newFor);
                var isNew = facts.JoinedAt is { } joined && facts.At - joined < newFor;
                return isNew ? LinkScanner.Hosts(facts.Text).FirstOrDefault() : null;
            default:
                return null;
        }
    }

    /// <summary>The hash <see cref="RecentPost.TextHash"/> gets for text with nothing left after folding (never a duplicate).</summary>
    public const int EmptyHash = 0;

    public static int HashOf(string text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return normalized.Length == 0 ? EmptyHash : StringComparer.Ordinal.GetHashCode(normalized) | 1;
    }

    private static bool IsExempt(ModerationRule rule, MessageFacts facts)
    {
        var e = rule.Exemptions;
        return e.Channels.Contains(facts.ChannelId, StringComparer.OrdinalIgnoreCase)
            || (facts.Tier is not null && e.Tiers.Contains(facts.Tier, StringComparer.OrdinalIgnoreCase))
            || e.Roles.Any(role => facts.Author.Roles.Contains(role, StringComparer.OrdinalIgnoreCase)
                || facts.StaffRoles.Any(s => s.ToString().Equals(role, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
