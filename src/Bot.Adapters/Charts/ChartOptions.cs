namespace Bot.Adapters.Charts;

/// <summary>Bound from the <c>Charts</c> section.</summary>
public sealed class ChartOptions
{
    public const string Section = "Charts";

    /// <summary>
    /// An installed font family for chart labels, overriding the bundled Noto Sans CJK subset; it must draw Chinese
    /// (a family that is missing or cannot is logged once and the bundled font is used). Empty: the bundled font.
    /// </summary>
    public string? FontFamily { get; set; }
}
