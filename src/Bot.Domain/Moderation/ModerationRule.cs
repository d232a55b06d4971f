using Bot.Domain.Model;

namespace Bot.Domain.Moderation;

public enum RuleKind
{
    Keyword,
    Regex,
    Links,
    Invites,
    Mentions,
    Flood,
    Duplicates,
    NewMemberLinks,
}

public enum RuleMode
{
    Enforce,
    Log,
}

/// <summary>What a hit does, in rising severity (the order matters: escalation only ever goes up).</summary>
public enum ActionKind
{
    Log,
    Delete,
    Warn,
    Timeout,
    Kick,
    Ban,
}

/// <summary>An action with its duration (timeout always has one; ban may, otherwise it is permanent).</summary>
public sealed record RuleAction(ActionKind Kind, TimeSpan? Duration = null)
{
    public static readonly RuleAction Delete = new(ActionKind.Delete);

    /// <summary>Ranks actions: kind first, then a longer duration (a permanent ban is the longest).</summary>
    public (int, TimeSpan) Severity => ((int)Kind, Kind == ActionKind.Ban && Duration is null ? TimeSpan.MaxValue : Duration ?? TimeSpan.Zero);

    public bool IsMoreSevereThan(RuleAction other) => Severity.CompareTo(other.Severity) > 0;

    public override string ToString() =>
        Duration is { } d ? $"{Kind.ToString().ToLowerInvariant()} {Commands.DurationParser.Format(d)}" : Kind.ToString().ToLowerInvariant();
}

/// <summary>Who a rule leaves alone: platform or staff role names, member tier names, channel ids.</summary>
public sealed record RuleExemptions(IReadOnlyList<string> Roles, IReadOnlyList<string> Tiers, IReadOnlyList<string> Channels)
{
    public static readonly RuleExemptions None = new([], [], []);

    public bool IsEmpty => Roles.Count == 0 && Tiers.Count == 0 && Channels.Count == 0;
}

/// <summary>
/// One auto-moderation rule of a community. <see cref="Pattern"/> is kind-specific (see <see cref="RuleParser"/>):
/// keywords, a regex, domains, a number, <c>N/T</c>, or a duration.
/// </summary>
public sealed record ModerationRule(
    long Id,
    CommunityRef Community,
    RuleKind Kind,
    string Pattern,
    RuleAction Action,
    RuleMode Mode,
    RuleExemptions Exemptions,
    UserRef CreatedBy,
    DateTimeOffset CreatedAt)
{
    public string Describe() => $"#{Id} {RuleParser.KindName(Kind)} {Pattern} → {Action}{(Mode == RuleMode.Log ? " (log)" : string.Empty)}";
}
