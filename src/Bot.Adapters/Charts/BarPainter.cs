using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>
/// Grouped bars from zero. Category names wrap under their group (up to two lines, then shortened); a bar's value is
/// written above it only where it fits across the bar, so labels never run into each other.
/// </summary>
internal static class BarPainter
{
    private const int MaxCategoryLines = 2;

    public static void Paint(ChartCanvas canvas, BarChartSpec chart, SKRect area)
    {
        var body = ChartFrame.Header(canvas, chart, area);
        if (chart.EmptyText is { } empty || chart.Categories.Count == 0 || chart.Series.Count == 0)
        {
            ChartFrame.Empty(canvas, chart.EmptyText ?? string.Empty, body);
            return;
        }

        var culture = ChartFrame.Culture(chart);
        if (chart.Series.Count > 1)
        {
            body = ChartFrame.Legend(canvas, [.. chart.Series.Select((s, i) => (s.Name, (Action<SKRect>)(r => Fill(canvas, r, ChartTheme.Series(i)))))], body);
        }

        var suffix = chart.ValueSuffix ?? string.Empty;
        var values = chart.Series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var largest = chart.AxisMax ?? (suffix == "%" && values.Max() <= 100 ? 100 : values.Max() * 1.1);
        var scale = AxisScale.For(largest, values.All(v => v == Math.Floor(v)));
        var size = ChartTheme.LabelSize;
        var lineHeight = canvas.LineHeight(size);
        var axisWidth = scale.Ticks().Max(t => canvas.Measure(scale.Format(t, culture, suffix), size)) + 10;
        var groupWidth = (body.Width - axisWidth) / chart.Categories.Count;
        var names = chart.Categories.Select(c => Lines(canvas, c, size, groupWidth - 12)).ToList();
        var namesHeight = names.Max(n => n.Count) * (lineHeight + 2);
        var valueHeight = canvas.LineHeight(ChartTheme.ValueSize) + 6;
        var plot = new SKRect(body.Left + axisWidth, body.Top + valueHeight + lineHeight / 2, body.Right, body.Bottom - namesHeight - lineHeight / 2 - 8);

        using var grid = new SKPaint { Color = ChartTheme.Grid, StrokeWidth = 1 };
        foreach (var tick in scale.Ticks())
        {
            var y = plot.Bottom - (float)(tick / scale.Max) * plot.Height;
            canvas.Raw.DrawLine(plot.Left, y, plot.Right, y, grid);
            canvas.Text(scale.Format(tick, culture, suffix), plot.Left - 8, y - lineHeight / 2, size, ChartTheme.Muted, TextAlign.Right);
        }

        var groups = chart.Series.Count;
        var barWidth = Math.Min(90, groupWidth * 0.8f / groups);
        for (var c = 0; c < chart.Categories.Count; c++)
        {
            var groupLeft = plot.Left + c * groupWidth + (groupWidth - barWidth * groups) / 2;
            for (var s = 0; s < groups; s++)
            {
                var value = chart.Series[s].Values[c];
                if (!double.IsFinite(value))
                {
                    canvas.Text("–", groupLeft + (s + 0.5f) * barWidth, plot.Bottom - valueHeight, ChartTheme.ValueSize, ChartTheme.Muted, TextAlign.Center);
                    continue;
                }

                var bar = new SKRect(groupLeft + s * barWidth + 2, plot.Bottom - (float)(value / scale.Max) * plot.Height, groupLeft + (s + 1) * barWidth - 2, plot.Bottom);
                Fill(canvas, bar, ChartTheme.Series(s));
                var label = value.ToString(chart.ValueFormat, culture) + suffix;
                if (canvas.Measure(label, ChartTheme.ValueSize) <= barWidth)
                {
                    canvas.Text(label, bar.MidX, bar.Top - valueHeight, ChartTheme.ValueSize, ChartTheme.Ink, TextAlign.Center);
                }
            }

            var top = plot.Bottom + lineHeight / 2 + 6;
            foreach (var line in names[c])
            {
                canvas.Text(line, plot.Left + (c + 0.5f) * groupWidth, top, size, ChartTheme.Ink, TextAlign.Center);
                top += lineHeight + 2;
            }
        }
    }

    private static IReadOnlyList<string> Lines(ChartCanvas canvas, string text, float size, float width)
    {
        var lines = canvas.Wrap(text, size, width);
        return lines.Count <= MaxCategoryLines
            ? lines
            : [.. lines.Take(MaxCategoryLines - 1), canvas.Fit(string.Join(text.Contains(' ', StringComparison.Ordinal) ? " " : string.Empty, lines.Skip(MaxCategoryLines - 1)), size, width)];
    }

    private static void Fill(ChartCanvas canvas, SKRect box, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.Raw.DrawRect(box, paint);
    }
}
