using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>The typeface every chart label uses, found once, when the first chart is drawn.</summary>
public sealed class ChartFont(ChartOptions options)
{
    private readonly Lazy<SKTypeface> _typeface = new(() => Resolve(options.FontFamily));

    public SKTypeface Typeface => _typeface.Value;

    /// <summary>The installed family named <paramref name="family"/>, checked to draw Traditional Chinese.</summary>
    public static SKTypeface Resolve(string family)
    {
        var typeface = SKFontManager.Default.MatchFamily(family);
        if (typeface is null || !typeface.FamilyName.Equals(family, StringComparison.OrdinalIgnoreCase) || !typeface.ContainsGlyphs("成員數量留存率"))
        {
            typeface?.Dispose();
            throw new InvalidOperationException(
                $"Chart font '{family}' is not installed or has no CJK glyphs. Install it (Debian: apt-get install fonts-noto-cjk) " +
                $"or set {ChartOptions.Section}:FontFamily to an installed CJK family.");
        }

        return typeface;
    }
}
