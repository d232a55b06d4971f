using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>
/// Lines over days. Series on the right scale get their own axis, captioned with their names on each side, so a
/// member count and a message count are both readable. A partial last day is a dashed segment and a hollow point.
/// </summary>
internal static class LinePainter
{
    public static void Paint(ChartCanvas canvas, LineChartSpec chart, SKRect area)
    {
        var body = ChartFrame.Header(canvas, chart, area);
        if (chart.EmptyText is { } empty || chart.Days.Count == 0)
        {
            ChartFrame.Empty(canvas, chart.EmptyText ?? string.Empty, body);
            return;
        }

        var culture = ChartFrame.Culture(chart);
        var entries = chart.Series.Select((s, i) => (s.Name, (Action<SKRect>)(r => Swatch(canvas, r, ChartTheme.Series(i), dashed: false)))).ToList();
        if (chart.PartialLast && chart.PartialLabel is { } partial)
        {
            entries.Add((partial, r => Swatch(canvas, r, ChartTheme.Muted, dashed: true)));
        }

        body = ChartFrame.Legend(canvas, entries, body);
        var left = Scale(chart.Series.Where(s => !s.RightAxis));
        var right = chart.Series.Any(s => s.RightAxis) ? Scale(chart.Series.Where(s => s.RightAxis)) : (AxisScale?)null;

        // Axis captions name which series each side measures.
        var size = ChartTheme.LabelSize;
        var captionHeight = canvas.LineHeight(size) + 8;
        var leftCaption = string.Join(" / ", chart.Series.Where(s => !s.RightAxis).Select(s => s.Name));
        var rightCaption = string.Join(" / ", chart.Series.Where(s => s.RightAxis).Select(s => s.Name));
        var leftWidth = left.Ticks().Max(t => canvas.Measure(left.Format(t, culture), size)) + 10;
        var rightWidth = right is { } r0 ? r0.Ticks().Max(t => canvas.Measure(r0.Format(t, culture), size)) + 10 : 8;
        var labelHeight = canvas.LineHeight(size);
        var plot = new SKRect(body.Left + leftWidth, body.Top + captionHeight + labelHeight / 2, body.Right - rightWidth, body.Bottom - labelHeight * 1.5f - 8);
        var half = body.Width / 2 - 8;
        canvas.Text(canvas.Fit(leftCaption, size, right is null ? body.Width : half), body.Left, body.Top, size, ChartTheme.Muted);
        if (right is not null)
        {
            canvas.Text(canvas.Fit(rightCaption, size, half), body.Right, body.Top, size, ChartTheme.Muted, TextAlign.Right);
        }

        using var grid = new SKPaint { Color = ChartTheme.Grid, StrokeWidth = 1, IsAntialias = true };
        foreach (var tick in left.Ticks())
        {
            var y = Y(plot, left, tick);
            canvas.Raw.DrawLine(plot.Left, y, plot.Right, y, grid);
            canvas.Text(left.Format(tick, culture), plot.Left - 8, y - labelHeight / 2, size, ChartTheme.Muted, TextAlign.Right);
        }

        if (right is { } scale)
        {
            foreach (var tick in scale.Ticks())
            {
                canvas.Text(scale.Format(tick, culture), plot.Right + 8, Y(plot, scale, tick) - labelHeight / 2, size, ChartTheme.Muted);
            }
        }

        DayLabels(canvas, chart, plot, body, size);
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var series = chart.Series[i];
            Line(canvas, chart, plot, series.RightAxis ? right!.Value : left, series.Values, ChartTheme.Series(i));
        }
    }

    private static AxisScale Scale(IEnumerable<ChartSeries> series)
    {
        var values = series.SelectMany(s => s.Values).DefaultIfEmpty(0).ToList();
        return AxisScale.For(values.Max() * 1.05, values.All(v => v == Math.Floor(v)));
    }

    private static float X(SKRect plot, int count, int index) =>
        count == 1 ? plot.MidX : plot.Left + 8 + (plot.Width - 16) * index / (count - 1);

    private static float Y(SKRect plot, AxisScale scale, double value) => plot.Bottom - (float)(value / scale.Max) * plot.Height;

    /// <summary>Every n-th day's label, n chosen so the widest label never touches its neighbour.</summary>
    private static void DayLabels(ChartCanvas canvas, LineChartSpec chart, SKRect plot, SKRect body, float size)
    {
        var count = chart.DayLabels.Count;
        var widest = chart.DayLabels.Max(l => canvas.Measure(l, size)) + 14;
        var slot = count == 1 ? plot.Width : (plot.Width - 16) / (count - 1);
        var step = Math.Max(1, (int)Math.Ceiling(widest / slot));
        // Count back from the last day so the latest day is always labelled.
        for (var i = count - 1; i >= 0; i -= step)
        {
            var x = Math.Clamp(X(plot, count, i), body.Left + widest / 2, body.Right - widest / 2);
            canvas.Text(chart.DayLabels[i], x, plot.Bottom + canvas.LineHeight(size) / 2 + 6, size, ChartTheme.Muted, TextAlign.Center);
        }
    }

    private static void Line(ChartCanvas canvas, LineChartSpec chart, SKRect plot, AxisScale scale, IReadOnlyList<double> values, SKColor color)
    {
        var points = values.Select((v, i) => new SKPoint(X(plot, values.Count, i), Y(plot, scale, v))).ToArray();
        var solid = chart.PartialLast ? points[..^1] : points;
        using var stroke = new SKPaint { Color = color, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeJoin = SKStrokeJoin.Round };
        if (solid.Length > 1)
        {
            canvas.Raw.DrawPoints(SKPointMode.Polygon, solid, stroke);
        }

        if (chart.PartialLast && points.Length > 1)
        {
            using var dashes = SKPathEffect.CreateDash([8, 6], 0);
            using var dashed = new SKPaint { Color = color, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke, PathEffect = dashes };
            canvas.Raw.DrawLine(points[^2], points[^1], dashed);
        }

        using var fill = new SKPaint { Color = color, IsAntialias = true };
        using var hollow = new SKPaint { Color = ChartTheme.Background, IsAntialias = true };
        for (var i = 0; i < points.Length; i++)
        {
            var partial = chart.PartialLast && i == points.Length - 1;
            canvas.Raw.DrawCircle(points[i], partial ? 5.5f : 4, fill);
            if (partial)
            {
                canvas.Raw.DrawCircle(points[i], 3, hollow);
            }
        }
    }

    private static void Swatch(ChartCanvas canvas, SKRect box, SKColor color, bool dashed)
    {
        using var dashes = dashed ? SKPathEffect.CreateDash([6, 4], 0) : null;
        using var paint = new SKPaint { Color = color, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke, PathEffect = dashes };
        canvas.Raw.DrawLine(box.Left, box.MidY, box.Right, box.MidY, paint);
    }
}
