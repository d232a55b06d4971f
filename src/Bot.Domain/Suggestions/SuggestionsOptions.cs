using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Suggestions;

/// <summary>Bound from the <c>Suggestions</c> section.</summary>
public sealed class SuggestionsOptions : IValidatableObject
{
    public const string Section = "Suggestions";

    /// <summary>Topic → comma-separated keywords (any language); a suggestion without a <c>#topic</c> gets the first topic whose keyword it contains.</summary>
    public Dictionary<string, string> Topics { get; set; } = [];

    [Range(10, 2000, ErrorMessage = "Suggestions:MaxLength must be 10 to 2000.")]
    public int MaxLength { get; set; } = 1000;

    /// <summary>How many topics the weekly report lists.</summary>
    [Range(1, 20, ErrorMessage = "Suggestions:TopTopics must be 1 to 20.")]
    public int TopTopics { get; set; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Topics.Where(t => string.IsNullOrWhiteSpace(t.Value) || t.Key.Length > SuggestionTopics.MaxTopicLength)
            .Select(t => new ValidationResult(
                $"Suggestions:Topics:{t.Key} needs comma-separated keywords and a name of at most {SuggestionTopics.MaxTopicLength} characters.",
                [nameof(Topics)]));
}
