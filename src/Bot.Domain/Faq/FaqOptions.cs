using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Faq;

/// <summary>Bound from the <c>Faq</c> section: when an answer is confident enough, and how often it may repeat.</summary>
public sealed class FaqOptions : IValidatableObject
{
    public const string Section = "Faq";

    /// <summary>The least confidence (0–1) at which the bot answers. Calibrated on the tune half of the labelled set.</summary>
    [Range(0.05, 1.0)]
    public double Threshold { get; set; } = 0.73;

    /// <summary>Below the threshold but at least this: the bot asks "Did you mean…?" with the top two entries as buttons.</summary>
    [Range(0.05, 1.0)]
    public double SuggestThreshold { get; set; } = 0.4;

    /// <summary>How far the best entry must lead the runner-up; two close entries mean the question is ambiguous.</summary>
    [Range(0.0, 1.0)]
    public double Margin { get; set; } = 0.1;

    /// <summary>The same answer is not given again in the same channel within this time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many unanswered questions <c>/faq gaps</c> shows.</summary>
    [Range(1, 50)]
    public int GapsShown { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SuggestThreshold > Threshold)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(SuggestThreshold)} ({SuggestThreshold}) must not be above {Section}:{nameof(Threshold)} ({Threshold}).",
                [nameof(SuggestThreshold)]);
        }
    }
}
