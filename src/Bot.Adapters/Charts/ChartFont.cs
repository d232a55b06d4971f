using Microsoft.Extensions.Logging;
using ScottPlot;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>
/// The font chart labels use: the configured installed family when it draws Chinese, otherwise the Noto Sans CJK
/// subset shipped inside this assembly (Charts/Fonts, OFL), so charts look the same on every machine.
/// </summary>
public sealed partial class ChartFont
{
    /// <summary>The name the bundled font is registered under with ScottPlot; no installed family is called this.</summary>
    public const string BundledFamily = "CommunityBot Noto Sans CJK";

    private const string Resource = "Bot.Adapters.Charts.Fonts.NotoSansCJKtc-Regular-Subset.otf";
    private const string Probe = "成員數量留存率成员数量留存率";
    private static readonly Lock Gate = new();
    private static SKData? _bundled;

    private ChartFont(string family) => Family = family;

    /// <summary>The family name to hand to ScottPlot.</summary>
    public string Family { get; }

    public bool IsBundled => Family == BundledFamily;

    /// <summary>
    /// <paramref name="configured"/> when it is installed and draws Chinese; otherwise the bundled font (saying so
    /// once when a configured family was passed over). Throws only when the bundled font itself cannot be read.
    /// </summary>
    public static ChartFont Resolve(string? configured, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (InstalledFamily(configured) is { } installed)
            {
                return new ChartFont(installed);
            }

            LogConfiguredMissing(logger, configured, ChartOptions.Section);
        }

        RegisterBundled();
        return new ChartFont(BundledFamily);
    }

    /// <summary>The installed family of that name (any case) if it has CJK glyphs, else null.</summary>
    public static string? InstalledFamily(string family)
    {
        var installed = SKFontManager.Default.FontFamilies.FirstOrDefault(f => f.Equals(family, StringComparison.OrdinalIgnoreCase));
        using var typeface = installed is null ? null : SKTypeface.FromFamilyName(installed);
        return typeface is not null && typeface.ContainsGlyphs(Probe) ? installed : null;
    }

    private static void RegisterBundled()
    {
        lock (Gate)
        {
            if (_bundled is not null)
            {
                return;
            }

            using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream(Resource)
                ?? throw new InvalidOperationException($"The bundled chart font ({Resource}) is missing from the assembly.");
            var data = SKData.Create(stream);
            using (var check = SKTypeface.FromData(data))
            {
                if (check is null || !check.ContainsGlyphs(Probe))
                {
                    throw new InvalidOperationException("The bundled chart font could not be read.");
                }
            }

            Fonts.FontResolvers.Add(new BundledResolver(data));
            _bundled = data;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Chart font '{Family}' ({Section}:FontFamily) is not installed or cannot draw Chinese; charts use the bundled Noto Sans CJK subset")]
    private static partial void LogConfiguredMissing(ILogger logger, string family, string section);

    /// <summary>Every weight and slant of the bundled name maps to the one regular face.</summary>
    private sealed class BundledResolver(SKData data) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            Create(fontName);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName);

        private SKTypeface? Create(string fontName) => fontName == BundledFamily ? SKTypeface.FromData(data) : null;
    }
}
