using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Verification;

/// <summary>Bound from the <c>Verification</c> section.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>Minutes a newcomer has to press their "I agree" button before they are removed (kicked, not banned).</summary>
    [Range(1, 10080, ErrorMessage = "Verification:TimeoutMinutes must be 1 to 10080 (a week).")]
    public int TimeoutMinutes { get; set; } = 30;

    /// <summary>Longest welcome text.</summary>
    [Range(50, 1500, ErrorMessage = "Verification:MaxWelcomeLength must be 50 to 1500.")]
    public int MaxWelcomeLength { get; set; } = 1000;
}
