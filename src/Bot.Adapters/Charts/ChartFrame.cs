using System.Globalization;
using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>What every chart has: a title and note on top, and the words for "nothing to show" in place of a body.</summary>
internal static class ChartFrame
{
    /// <summary>Draws the title (wrapped) and the note; returns the area left for the chart's body.</summary>
    public static SKRect Header(ChartCanvas canvas, ChartSpec spec, SKRect area, float titleSize = ChartTheme.TitleSize)
    {
        var y = area.Top;
        foreach (var line in canvas.Wrap(spec.Title, titleSize, area.Width))
        {
            y = canvas.Text(line, area.Left, y, titleSize, ChartTheme.Ink, bold: true).Bottom + 4;
        }

        if (spec.Note is { Length: > 0 } note)
        {
            foreach (var line in canvas.Wrap(note, ChartTheme.NoteSize, area.Width))
            {
                y = canvas.Text(line, area.Left, y, ChartTheme.NoteSize, ChartTheme.Muted).Bottom + 2;
            }
        }

        return new SKRect(area.Left, y + 12, area.Right, area.Bottom);
    }

    /// <summary>A soft box with the words centred in it, instead of flat lines or empty cells.</summary>
    public static void Empty(ChartCanvas canvas, string text, SKRect body)
    {
        using var fill = new SKPaint { Color = ChartTheme.Empty, IsAntialias = true };
        canvas.Raw.DrawRoundRect(body, 10, 10, fill);
        var size = ChartTheme.TitleSize - 4;
        var lines = canvas.Wrap(text, size, body.Width - 2 * ChartTheme.Padding);
        var lineHeight = canvas.LineHeight(size) + 4;
        var top = body.MidY - lines.Count * lineHeight / 2;
        foreach (var line in lines)
        {
            canvas.Text(line, body.MidX, top, size, ChartTheme.Muted, TextAlign.Center);
            top += lineHeight;
        }
    }

    /// <summary>
    /// Legend entries in rows across <paramref name="area"/>'s width, each a swatch drawn by <paramref name="swatch"/>
    /// and a name; returns the area below the legend.
    /// </summary>
    public static SKRect Legend(ChartCanvas canvas, IReadOnlyList<(string Name, Action<SKRect> Swatch)> entries, SKRect area)
    {
        const float swatchWidth = 28, gap = 8, spacing = 26;
        var size = ChartTheme.LabelSize;
        var lineHeight = canvas.LineHeight(size);
        var x = area.Left;
        var y = area.Top;
        foreach (var (name, swatch) in entries)
        {
            var label = canvas.Fit(name, size, area.Width - swatchWidth - gap);
            var width = swatchWidth + gap + canvas.Measure(label, size);
            if (x > area.Left && x + width > area.Right)
            {
                x = area.Left;
                y += lineHeight + 8;
            }

            swatch(new SKRect(x, y + lineHeight / 2 - 6, x + swatchWidth, y + lineHeight / 2 + 6));
            canvas.Text(label, x + swatchWidth + gap, y, size, ChartTheme.Ink);
            x += width + spacing;
        }

        return new SKRect(area.Left, y + lineHeight + 14, area.Right, area.Bottom);
    }

    public static CultureInfo Culture(ChartSpec spec)
    {
        try
        {
            return CultureInfo.GetCultureInfo(spec.Locale);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}

/// <summary>Round steps for an axis from zero: 1, 2 or 5 times a power of ten, about five of them.</summary>
internal readonly record struct AxisScale(double Max, double Step)
{
    public static AxisScale For(double largest, bool whole)
    {
        if (!(largest > 0) || !double.IsFinite(largest))
        {
            largest = 1;
        }

        var raw = largest / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch
        {
            <= 1 => magnitude,
            <= 2 => 2 * magnitude,
            <= 5 => 5 * magnitude,
            _ => 10 * magnitude,
        };
        if (whole)
        {
            step = Math.Max(1, Math.Round(step));
        }

        return new AxisScale(Math.Ceiling(largest / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        for (var i = 0; i * Step <= Max + Step / 1000; i++)
        {
            yield return i * Step;
        }
    }

    public string Format(double value, CultureInfo culture, string suffix = "") =>
        value.ToString(Step < 1 ? "N" + Math.Clamp((int)Math.Ceiling(-Math.Log10(Step)), 1, 3) : "N0", culture) + suffix;
}
