using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Rules;

/// <summary>Bound from the <c>Rules</c> section.</summary>
public sealed class RulesOptions
{
    public const string Section = "Rules";

    /// <summary>Longest rules text: one message on every platform (Discord's limit is 2,000 characters).</summary>
    [Range(100, 1900, ErrorMessage = "Rules:MaxLength must be 100 to 1900.")]
    public int MaxLength { get; set; } = 1800;
}
