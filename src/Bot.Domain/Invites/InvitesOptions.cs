using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Invites;

/// <summary>Bound from the <c>Invites</c> section: when an invitee counts, and what the inviter gets.</summary>
public sealed class InvitesOptions : IValidatableObject
{
    public const string Section = "Invites";

    /// <summary>How long an invitee must stay before they can qualify.</summary>
    [Range(0.0, 365.0)]
    public double QualifyAfterDays { get; set; } = 7;

    /// <summary>Messages (long enough to earn activity points) an invitee must post to qualify.</summary>
    [Range(0, 10_000)]
    public int MinMessages { get; set; } = 3;

    /// <summary>After this long without enough messages, an invitation expires unrewarded.</summary>
    [Range(1.0, 365.0)]
    public double QualifyWithinDays { get; set; } = 30;

    /// <summary>Accounts younger than this when they join do not count (where the platform tells the age: Discord).</summary>
    [Range(0.0, 3650.0)]
    public double MinAccountAgeDays { get; set; } = 7;

    /// <summary>Contribution points for the inviter per qualified invitee.</summary>
    [Range(0.0, 100_000.0)]
    public double RewardPoints { get; set; } = 20;

    public TimeSpan QualifyAfter => TimeSpan.FromDays(QualifyAfterDays);

    public TimeSpan QualifyWithin => TimeSpan.FromDays(QualifyWithinDays);

    public TimeSpan MinAccountAge => TimeSpan.FromDays(MinAccountAgeDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (QualifyWithinDays < QualifyAfterDays)
        {
            yield return new ValidationResult(
                "Invites:QualifyWithinDays must be at least Invites:QualifyAfterDays.", [nameof(QualifyWithinDays)]);
        }
    }
}
