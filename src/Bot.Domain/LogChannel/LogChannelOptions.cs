using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.LogChannel;

/// <summary>Bound from the <c>LogChannel</c> section.</summary>
public sealed class LogChannelOptions
{
    public const string Section = "LogChannel";

    /// <summary>Characters of a message's text an entry quotes; the rest is cut with "…".</summary>
    [Range(20, 1000, ErrorMessage = "LogChannel:ExcerptLength must be 20 to 1000.")]
    public int ExcerptLength { get; set; } = 300;
}
