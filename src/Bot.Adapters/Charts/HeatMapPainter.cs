using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>
/// A grid of cells coloured on a sequential colour-blind-safe scale, row names on the left and column names below
/// (every n-th when they would touch). Cell values are written only where the cell is wide enough for them.
/// </summary>
internal static class HeatMapPainter
{
    private const int MaxWrappedColumns = 6;

    public static void Paint(ChartCanvas canvas, HeatMapSpec heat, SKRect area)
    {
        var body = ChartFrame.Header(canvas, heat, area);
        var rows = heat.RowLabels.Count;
        var columns = heat.ColumnLabels.Count;
        if (heat.EmptyText is { } empty || rows == 0 || columns == 0)
        {
            ChartFrame.Empty(canvas, heat.EmptyText ?? string.Empty, body);
            return;
        }

        var culture = ChartFrame.Culture(heat);
        var size = ChartTheme.LabelSize;
        var lineHeight = canvas.LineHeight(size);
        var rowNames = heat.RowLabels.Select(l => canvas.Fit(l, size, body.Width * 0.4f)).ToList();
        var namesWidth = rowNames.Max(l => canvas.Measure(l, size)) + 12;
        var cellWidth = (body.Width - namesWidth) / columns;
        // A few wide columns (cohort horizons) wrap their names; many narrow ones (hours) show every n-th.
        var wrapNames = columns <= MaxWrappedColumns;
        var columnNames = heat.ColumnLabels.Select(l => wrapNames ? canvas.Wrap(l, size, cellWidth - 8) : [l]).ToList();
        var namesHeight = columnNames.Max(n => n.Count) * (lineHeight + 2);
        var grid = new SKRect(body.Left + namesWidth, body.Top, body.Right, body.Bottom - namesHeight - 10);
        var cellHeight = Math.Min(grid.Height / rows, 64);
        grid.Bottom = grid.Top + cellHeight * rows;

        var values = heat.Values.SelectMany(r => r).OfType<double>().ToList();
        var (min, max) = values.Count == 0 ? (0d, 1d) : (values.Min(), values.Max());
        var span = max > min ? max - min : 1;
        using var blank = new SKPaint { Color = ChartTheme.Empty };
        using var fill = new SKPaint { IsAntialias = false };
        for (var row = 0; row < rows; row++)
        {
            var top = grid.Top + row * cellHeight;
            canvas.Text(rowNames[row], grid.Left - 10, top + (cellHeight - lineHeight) / 2, size, ChartTheme.Ink, TextAlign.Right);
            for (var column = 0; column < columns; column++)
            {
                var cell = new SKRect(grid.Left + column * cellWidth + 1, top + 1, grid.Left + (column + 1) * cellWidth - 1, top + cellHeight - 1);
                if (heat.Values[row][column] is not { } value)
                {
                    canvas.Raw.DrawRect(cell, blank);
                    continue;
                }

                fill.Color = ChartTheme.ScaleAt((value - min) / span);
                canvas.Raw.DrawRect(cell, fill);
                var label = heat.CellFormat is { } format ? value.ToString(format, culture) : null;
                if (label is not null && canvas.Measure(label, ChartTheme.ValueSize) <= cell.Width - 6 && canvas.LineHeight(ChartTheme.ValueSize) <= cell.Height - 4)
                {
                    canvas.Text(label, cell.MidX, cell.MidY - canvas.LineHeight(ChartTheme.ValueSize) / 2, ChartTheme.ValueSize, ChartTheme.TextOn(fill.Color), TextAlign.Center);
                }
            }
        }

        var widest = wrapNames ? 0 : heat.ColumnLabels.Max(l => canvas.Measure(l, size)) + 10;
        var step = Math.Max(1, (int)Math.Ceiling(widest / cellWidth));
        for (var column = 0; column < columns; column += step)
        {
            var top = grid.Bottom + 8;
            foreach (var line in columnNames[column])
            {
                canvas.Text(canvas.Fit(line, size, cellWidth * step - 8), grid.Left + (column + 0.5f) * cellWidth, top, size, ChartTheme.Muted, TextAlign.Center);
                top += lineHeight + 2;
            }
        }
    }
}
