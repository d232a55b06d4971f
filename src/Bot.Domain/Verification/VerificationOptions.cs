using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Verification;

/// <summary>Bound from the <c>Verification</c> section.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>Minutes a newcomer has to press their "I agree" button before they are removed (kicked, not banned).</summary>
    [Range(1, 10080, ErrorMessage = "Verification:TimeoutMinutes must be 1 to 10080 (a week).")]
    public int TimeoutMinutes { get; set; } = 30;

    /// <summary>
    /// During a raid: minutes a newcomer has to press before they are removed (never more than <see cref="TimeoutMinutes"/>);
    /// until they press, the platform keeps them from posting.
    /// </summary>
    [Range(1, 1440, ErrorMessage = "Verification:RaidTimeoutMinutes must be 1 to 1440 (a day).")]
    public int RaidTimeoutMinutes { get; set; } = 10;

    /// <summary>A raid tightens the check, never loosens it.</summary>
    public int TimeoutFor(bool raid) => raid ? Math.Min(RaidTimeoutMinutes, TimeoutMinutes) : TimeoutMinutes;

    /// <summary>Longest welcome text.</summary>
    [Range(50, 1500, ErrorMessage = "Verification:MaxWelcomeLength must be 50 to 1500.")]
    public int MaxWelcomeLength { get; set; } = 1000;
}
