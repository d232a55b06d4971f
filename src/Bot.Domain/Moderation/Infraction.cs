using Bot.Domain.Model;

namespace Bot.Domain.Moderation;

/// <summary>
/// A recorded penalty. <see cref="Points"/> count toward escalation (1 for a rule hit or a moderator's action,
/// 0 for what escalation itself adds and for log-only hits); they stop counting when pardoned or when they
/// fall out of a ladder step's window. <see cref="Moderator"/> is null when the bot acted on a rule.
/// </summary>
public sealed record Infraction(
    long Id,
    CommunityRef Community,
    UserRef User,
    RuleAction Action,
    int Points,
    string Source,
    string Reason,
    string? Excerpt,
    UserRef? Moderator,
    DateTimeOffset At,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? PardonedAt = null,
    UserRef? PardonedBy = null)
{
    public bool Counts => PardonedAt is null && Points > 0;
}

public enum AppealStatus
{
    Pending,
    Accepted,
    Denied,
}

/// <summary>A member's appeal of one infraction; decided by a moderator other than the one who acted.</summary>
public sealed record Appeal(
    long Id,
    CommunityRef Community,
    long InfractionId,
    UserRef User,
    string Text,
    DateTimeOffset At,
    AppealStatus Status = AppealStatus.Pending,
    UserRef? DecidedBy = null,
    DateTimeOffset? DecidedAt = null);

/// <summary>Raid detection's memory per community: the join-rate baseline and whether raid mode is on.</summary>
public sealed record RaidState(
    bool Active,
    double BaselinePerMinute,
    DateTimeOffset? MinuteStart,
    int JoinsThisMinute,
    int JoinsLastMinute,
    DateTimeOffset? ActiveSince,
    DateTimeOffset? LastBurstAt)
{
    public static readonly RaidState Initial = new(false, 0, null, 0, 0, null, null);
}
