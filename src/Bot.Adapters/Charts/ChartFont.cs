using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>
/// The font chart labels use: the configured installed family when it draws Chinese, otherwise the Noto Sans CJK
/// subset shipped inside this assembly (Charts/Fonts, OFL), so charts look the same on every machine.
/// </summary>
public sealed partial class ChartFont
{
    /// <summary>The name the bundled font goes by in logs and tests; no installed family is called this.</summary>
    public const string BundledFamily = "CommunityBot Noto Sans CJK";

    private const string Resource = "Bot.Adapters.Charts.Fonts.NotoSansCJKtc-Regular-Subset.otf";
    private const string Probe = "成員數量留存率成员数量留存率";
    private static readonly Lazy<SKTypeface> Bundled = new(LoadBundled);

    private ChartFont(string family, SKTypeface typeface) => (Family, Typeface) = (family, typeface);

    public string Family { get; }

    public SKTypeface Typeface { get; }

    /// <summary>
    /// <paramref name="configured"/> when it is installed and draws Chinese; otherwise the bundled font (saying so
    /// once when a configured family was passed over). Throws only when the bundled font itself cannot be read.
    /// </summary>
    public static ChartFont Resolve(string? configured, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Installed(configured) is { } installed)
            {
                return new ChartFont(installed.FamilyName, installed);
            }

            LogConfiguredMissing(logger, configured, ChartOptions.Section);
        }

        return new ChartFont(BundledFamily, Bundled.Value);
    }

    /// <summary>The installed family of that name (any case) if it has CJK glyphs, else null.</summary>
    public static SKTypeface? Installed(string family)
    {
        var name = SKFontManager.Default.FontFamilies.FirstOrDefault(f => f.Equals(family, StringComparison.OrdinalIgnoreCase));
        var typeface = name is null ? null : SKTypeface.FromFamilyName(name);
        if (typeface is not null && typeface.ContainsGlyphs(Probe))
        {
            return typeface;
        }

        typeface?.Dispose();
        return null;
    }

    private static SKTypeface LoadBundled()
    {
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The bundled chart font ({Resource}) is missing from the assembly.");
        var typeface = SKTypeface.FromStream(stream);
        return typeface is not null && typeface.ContainsGlyphs(Probe)
            ? typeface
            : throw new InvalidOperationException("The bundled chart font could not be read.");
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Chart font '{Family}' ({Section}:FontFamily) is not installed or cannot draw Chinese; charts use the bundled Noto Sans CJK subset")]
    private static partial void LogConfiguredMissing(ILogger logger, string family, string section);
}
