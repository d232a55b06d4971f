using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>
/// Colours and sizes shared by every chart. The image is opaque and light, so it reads the same in Telegram's and
/// Discord's dark and light themes; the series colours are the Okabe–Ito palette, told apart with colour-blindness.
/// </summary>
internal static class ChartTheme
{
    public static readonly SKColor Background = new(0xFF, 0xFF, 0xFF);
    public static readonly SKColor Ink = new(0x1F, 0x23, 0x28);
    public static readonly SKColor Muted = new(0x5F, 0x66, 0x6D);
    public static readonly SKColor Grid = new(0xE3, 0xE6, 0xE8);
    public static readonly SKColor Frame = new(0xC4, 0xC9, 0xCE);
    public static readonly SKColor Empty = new(0xF4, 0xF5, 0xF6);

    // Okabe–Ito, in an order whose neighbours differ in lightness as well as hue; yellow is left out (too faint on white).
    private static readonly SKColor[] Palette =
    [
        new(0x00, 0x72, 0xB2), new(0xE6, 0x9F, 0x00), new(0x00, 0x9E, 0x73), new(0xD5, 0x5E, 0x00),
        new(0xCC, 0x79, 0xA7), new(0x56, 0xB4, 0xE9), new(0x00, 0x00, 0x00),
    ];

    // Stops of a perceptually even, colour-blind-safe sequential scale (light yellow to dark blue).
    private static readonly SKColor[] Scale =
    [
        new(0xFF, 0xFF, 0xD9), new(0xC7, 0xE9, 0xB4), new(0x7F, 0xCD, 0xBB), new(0x41, 0xB6, 0xC4),
        new(0x1D, 0x91, 0xC0), new(0x22, 0x5E, 0xA8), new(0x0C, 0x2C, 0x84),
    ];

    public const float Padding = 24;
    public const float TitleSize = 26;
    public const float NoteSize = 17;
    public const float LabelSize = 16;
    public const float ValueSize = 15;

    public static SKColor Series(int index) => Palette[index % Palette.Length];

    /// <summary>The scale's colour at <paramref name="fraction"/> (0 to 1).</summary>
    public static SKColor ScaleAt(double fraction)
    {
        var position = Math.Clamp(fraction, 0, 1) * (Scale.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, Scale.Length - 1);
        var t = (float)(position - low);
        byte Mix(byte a, byte b) => (byte)Math.Round(a + (b - a) * t);
        return new SKColor(Mix(Scale[low].Red, Scale[high].Red), Mix(Scale[low].Green, Scale[high].Green), Mix(Scale[low].Blue, Scale[high].Blue));
    }

    /// <summary>Dark text on light cells, white on dark ones.</summary>
    public static SKColor TextOn(SKColor fill) => fill.Red * 0.299 + fill.Green * 0.587 + fill.Blue * 0.114 > 150 ? Ink : SKColors.White;
}
