namespace Bot.Domain.Tiering;

/// <summary>The handbook's member layers (普通用戶、活躍用戶、核心用戶、意見領袖), lowest first; stored as their number.</summary>
public enum Tier
{
    Regular = 0,
    Active = 1,
    Core = 2,
    OpinionLeader = 3,
}

/// <summary>The scores that earn a tier in one community. Opinion leader also needs a manager's approval.</summary>
public sealed record TierThresholds(double Active, double Core, double OpinionLeader)
{
    /// <summary>The highest tier the score earns by itself (never opinion leader).</summary>
    public Tier Earned(double score) => score >= Core ? Tier.Core : score >= Active ? Tier.Active : Tier.Regular;

    /// <summary>The score a member must keep to hold a tier; an approved opinion leader keeps theirs at core level.</summary>
    public double Floor(Tier tier) => tier switch
    {
        Tier.Active => Active,
        Tier.Core or Tier.OpinionLeader => Core,
        _ => 0,
    };

    public double Of(Tier tier) => tier switch
    {
        Tier.Active => Active,
        Tier.Core => Core,
        Tier.OpinionLeader => OpinionLeader,
        _ => 0,
    };

    public bool IsOrdered => Active > 0 && Active < Core && Core < OpinionLeader;

    public TierThresholds With(Tier tier, double score) => tier switch
    {
        Tier.Active => this with { Active = score },
        Tier.Core => this with { Core = score },
        Tier.OpinionLeader => this with { OpinionLeader = score },
        _ => this,
    };
}

/// <summary>How a community's scores age and how tiers move; the daily recomputation applies it to everyone at once.</summary>
public sealed record TierPolicy(TierThresholds Thresholds, TimeSpan HalfLife, TimeSpan DemotionGrace, TimeSpan NominationCooldown);

/// <summary>
/// Tier movement, as the specification the set-based SQL recomputation follows (an integration test holds
/// them to the same cases): promotion at once, demotion only after the score stayed under the tier's floor
/// for the whole grace period, opinion leader only by nomination and approval.
/// </summary>
public static class TierRules
{
    public readonly record struct Outcome(Tier Tier, DateTimeOffset? BelowSince);

    public static Outcome Decide(Tier current, double score, DateTimeOffset? belowSince, TierPolicy policy, DateTimeOffset now)
    {
        var earned = policy.Thresholds.Earned(score);
        if (earned > current || score >= policy.Thresholds.Floor(current))
        {
            return new(earned > current ? earned : current, null);
        }

        var since = belowSince ?? now;
        return now - since >= policy.DemotionGrace ? new(earned, null) : new(current, since);
    }

    /// <summary>A core member at the opinion-leader score is nominated, unless one is pending or was decided within the cooldown.</summary>
    public static bool ShouldNominate(Tier tier, double score, DateTimeOffset? lastDecided, bool pending, TierPolicy policy, DateTimeOffset now) =>
        tier == Tier.Core && score >= policy.Thresholds.OpinionLeader && !pending
        && (lastDecided is null || now - lastDecided.Value >= policy.NominationCooldown);
}

/// <summary>Exponential decay by half-life: points lose half their weight every half-life.</summary>
public static class Decay
{
    public static double Factor(TimeSpan elapsed, TimeSpan halfLife) =>
        elapsed <= TimeSpan.Zero ? 1 : Math.Pow(0.5, elapsed.TotalSeconds / halfLife.TotalSeconds);
}
