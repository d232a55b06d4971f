using Bot.Domain.Model;

namespace Bot.Domain.Tiering;

/// <summary>Why points were given; each kind counts towards activity, contribution or spending.</summary>
public enum PointKind
{
    Message,
    Reply,
    Reaction,
    Thanks,
    Credit,
    EventEntry,
    Content,
    Invite,
    Spending,
}

/// <summary>
/// A member's points, each part decayed to <see cref="ScoreAt"/>, their tier, and the anti-farming state
/// (the last message that earned points). The score is the sum of the three parts.
/// </summary>
public sealed record TierStanding(
    CommunityRef Community,
    UserRef User,
    double Activity,
    double Contribution,
    double Spending,
    DateTimeOffset ScoreAt,
    Tier Tier,
    DateTimeOffset? BelowSince = null,
    DateTimeOffset? LastMessageAt = null,
    long? LastMessageHash = null)
{
    public double Score => Activity + Contribution + Spending;

    public static TierStanding New(CommunityRef community, UserRef user, DateTimeOffset at) => new(community, user, 0, 0, 0, at, Tier.Regular);

    /// <summary>The same points seen at <paramref name="now"/>; a time before <see cref="ScoreAt"/> (a late event) decays nothing.</summary>
    public TierStanding DecayedTo(DateTimeOffset now, TimeSpan halfLife)
    {
        if (now <= ScoreAt)
        {
            return this;
        }

        var factor = Decay.Factor(now - ScoreAt, halfLife);
        return this with { Activity = Activity * factor, Contribution = Contribution * factor, Spending = Spending * factor, ScoreAt = now };
    }

    public TierStanding Add(PointKind kind, double points, DateTimeOffset at, TimeSpan halfLife)
    {
        var decayed = DecayedTo(at, halfLife);
        return kind switch
        {
            PointKind.Message or PointKind.Reply or PointKind.Reaction => decayed with { Activity = decayed.Activity + points },
            PointKind.Spending => decayed with { Spending = decayed.Spending + points },
            _ => decayed with { Contribution = decayed.Contribution + points },
        };
    }
}

/// <summary>One contribution or spending credit, kept for audit; a <see cref="Reference"/> makes it count once.</summary>
public sealed record PointEntry(
    CommunityRef Community,
    UserRef User,
    DateTimeOffset At,
    PointKind Kind,
    double Points,
    UserRef? Actor,
    string? Reference,
    string? Note);

public sealed record TierChange(UserRef User, string DisplayName, Tier From, Tier To);

public sealed record Nomination(long Id, UserRef User, string DisplayName, double Score);

public sealed record RecomputeResult(int Members, IReadOnlyList<TierChange> Changes, IReadOnlyList<Nomination> Nominations);

public sealed record RankedMember(UserRef User, string DisplayName, double Score, Tier Tier);

/// <summary>A community's tier settings: thresholds, where promotions are announced, whether the daily job is scheduled.</summary>
public sealed record TierCommunity(CommunityRef Community, TierThresholds Thresholds, string? AnnounceChannelId, bool RecomputeScheduled);
