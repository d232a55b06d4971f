using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Moderation;

/// <summary>Bound from the <c>Moderation</c> section: defaults every community starts with.</summary>
public sealed class ModerationOptions : IValidatableObject
{
    public const string Section = "Moderation";

    /// <summary>The escalation ladder a community has until it sets its own with <c>/rule ladder</c>.</summary>
    [Required]
    public string Ladder { get; set; } = EscalationLadder.DefaultText;

    /// <summary>Staff (anyone with a staff role) are not checked by auto-moderation rules.</summary>
    public bool ExemptStaff { get; set; } = true;

    /// <summary>Raid mode starts when joins in the last minute reach both this and <see cref="RaidMultiplier"/> × baseline.</summary>
    [Range(2, 10_000)]
    public int RaidMinJoinsPerMinute { get; set; } = 10;

    [Range(1.5, 1000)]
    public double RaidMultiplier { get; set; } = 5;

    /// <summary>Raid mode ends by itself after this long without a burst.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan RaidCalmAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after joining a member counts as new (spam scoring of first messages).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan NewMemberWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>A new member's first this-many messages are scored by the spam classifier.</summary>
    [Range(1, 100)]
    public int SpamFirstMessages { get; set; } = 3;

    /// <summary>Spam probability at or above which a new member's message is removed.</summary>
    [Range(0.5, 1.0)]
    public double SpamThreshold { get; set; } = 0.95;

    /// <summary>Only learn (and audit what would have been removed), never act.</summary>
    public bool SpamLearnOnly { get; set; }

    /// <summary>The classifier acts only once it has seen this many spam and this many ham messages.</summary>
    [Range(1, 100_000)]
    public int SpamMinTraining { get; set; } = 20;

    /// <summary>One in this many ordinary messages from established members trains the classifier as ham.</summary>
    [Range(1, 1000)]
    public int HamSampleEvery { get; set; } = 5;

    /// <summary>How many stored messages <c>/rule test</c> runs a rule over.</summary>
    [Range(10, 5000)]
    public int RuleTestMessages { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EscalationLadder.Parse(Ladder).Error is not null)
        {
            yield return new ValidationResult($"Moderation:Ladder '{Ladder}' is not like '{EscalationLadder.DefaultText}'.", [nameof(Ladder)]);
        }
    }
}
