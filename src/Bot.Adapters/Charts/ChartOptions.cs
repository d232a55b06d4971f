using System.ComponentModel.DataAnnotations;

namespace Bot.Adapters.Charts;

/// <summary>Bound from the <c>Charts</c> section.</summary>
public sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>
    /// The installed font family every chart label uses; it must have CJK glyphs (Debian: <c>fonts-noto-cjk</c>).
    /// </summary>
    [Required]
    public string FontFamily { get; set; } = "Noto Sans CJK TC";
}
