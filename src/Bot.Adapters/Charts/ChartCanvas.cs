using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>A piece of text as placed on the image: its string and the box its glyphs occupy.</summary>
public sealed record PlacedText(string Text, SKRect Box);

public enum TextAlign
{
    Left,
    Center,
    Right,
}

/// <summary>
/// Draws on one image and remembers where every piece of text went, so the layout can be checked (nothing clipped,
/// nothing overlapping) from the same figures that placed it. Every painter measures before it places.
/// </summary>
internal sealed class ChartCanvas(SKCanvas canvas, SKTypeface typeface, int width, int height)
{
    private readonly List<PlacedText> _texts = [];

    public SKCanvas Raw => canvas;

    public SKRect Bounds { get; } = new(0, 0, width, height);

    public IReadOnlyList<PlacedText> Texts => _texts;

    public SKFont Font(float size, bool bold = false) =>
        new(typeface, size) { Embolden = bold, Subpixel = true, Edging = SKFontEdging.SubpixelAntialias };

    /// <summary>Width of <paramref name="text"/> at <paramref name="size"/>.</summary>
    public float Measure(string text, float size, bool bold = false)
    {
        using var font = Font(size, bold);
        return font.MeasureText(text);
    }

    /// <summary>The height a line of text takes at <paramref name="size"/> (ascent + descent).</summary>
    public float LineHeight(float size)
    {
        using var font = Font(size);
        var metrics = font.Metrics;
        return metrics.Descent - metrics.Ascent;
    }

    /// <summary>Draws one line whose top edge is <paramref name="top"/>; returns its box.</summary>
    public SKRect Text(string text, float x, float top, float size, SKColor color, TextAlign align = TextAlign.Left, bool bold = false)
    {
        using var font = Font(size, bold);
        var width = font.MeasureText(text);
        var left = align switch
        {
            TextAlign.Center => x - width / 2,
            TextAlign.Right => x - width,
            _ => x,
        };
        var metrics = font.Metrics;
        var baseline = top - metrics.Ascent;
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, left, baseline, SKTextAlign.Left, font, paint);
        var box = new SKRect(left, top, left + width, baseline + metrics.Descent);
        _texts.Add(new PlacedText(text, box));
        return box;
    }

    /// <summary>
    /// Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/>: at its own line breaks, at spaces between words,
    /// anywhere between CJK characters (which have no spaces), and mid-word only when a word alone is too wide.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, float size, float maxWidth) =>
        [.. text.Split('\n').SelectMany(paragraph => WrapParagraph(paragraph, size, maxWidth))];

    private IReadOnlyList<string> WrapParagraph(string text, float size, float maxWidth)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var piece in Pieces(text))
        {
            var candidate = line + piece;
            if (line.Length == 0 || Measure(candidate.TrimEnd(), size) <= maxWidth)
            {
                line = candidate;
                continue;
            }

            lines.Add(line.TrimEnd());
            line = piece.TrimStart();
        }

        if (line.Trim().Length > 0)
        {
            lines.Add(line.TrimEnd());
        }

        return [.. lines.SelectMany(l => Measure(l, size) <= maxWidth ? [l] : Split(l, size, maxWidth))];
    }

    /// <summary>Shortens <paramref name="text"/> with an ellipsis until it fits <paramref name="maxWidth"/>.</summary>
    public string Fit(string text, float size, float maxWidth)
    {
        if (Measure(text, size) <= maxWidth)
        {
            return text;
        }

        var kept = text;
        while (kept.Length > 1 && Measure(kept + "…", size) > maxWidth)
        {
            kept = kept[..^1];
        }

        return kept + "…";
    }

    private static IEnumerable<string> Pieces(string text)
    {
        var piece = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (IsCjk(c))
            {
                if (piece.Length > 0)
                {
                    yield return piece.ToString();
                    piece.Clear();
                }

                yield return c.ToString();
                continue;
            }

            piece.Append(c);
            if (c == ' ')
            {
                yield return piece.ToString();
                piece.Clear();
            }
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private IEnumerable<string> Split(string word, float size, float maxWidth)
    {
        var start = 0;
        for (var end = 1; end <= word.Length; end++)
        {
            if (end - start > 1 && Measure(word[start..end], size) > maxWidth)
            {
                yield return word[start..(end - 1)];
                start = end - 1;
            }
        }

        yield return word[start..];
    }

    private static bool IsCjk(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';
}
