using System.Globalization;
using Bot.Domain.Stats;
using Microsoft.Extensions.Logging;
using ScottPlot;

namespace Bot.Adapters.Charts;

/// <summary>
/// Draws the domain's chart specs with ScottPlot (SkiaSharp underneath). The font is found on first use, not at
/// start: charts are optional, so a font or drawing failure is logged and the chart left out (null), never a
/// reason for the bot not to run.
/// </summary>
public sealed partial class ScottPlotChartRenderer : IChartRenderer
{
    // Cell values are numbers and percentages, written the same in both languages ("80%").
    private static readonly CultureInfo CellCulture = CultureInfo.GetCultureInfo("en");
    private readonly Lazy<ChartFont?> _font;
    private readonly ILogger _logger;

    public ScottPlotChartRenderer(ChartOptions options, ILogger<ScottPlotChartRenderer> logger)
    {
        _logger = logger;
        _font = new Lazy<ChartFont?>(() => LoadFont(options.FontFamily));
    }

    /// <summary>The family charts are drawn with, or null when no font could be loaded.</summary>
    public string? FontFamily => _font.Value?.Family;

    public byte[]? RenderPng(ChartSpec chart)
    {
        if (_font.Value is not { } font)
        {
            return null;
        }

        try
        {
            return Draw(chart, font.Family);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Skia is native code: whatever it throws, the answer goes out without its chart.
            LogRenderFailed(_logger, ex, chart.GetType().Name);
            return null;
        }
    }

    private ChartFont? LoadFont(string? configured)
    {
        try
        {
            return ChartFont.Resolve(configured, _logger);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNoFont(_logger, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Charts are unavailable: no chart font could be loaded; answers go out without their charts")]
    private static partial void LogNoFont(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drawing a {Kind} failed; the answer goes out without its chart")]
    private static partial void LogRenderFailed(ILogger logger, Exception exception, string kind);

    private static byte[] Draw(ChartSpec chart, string font)
    {
        var plot = new Plot();
        switch (chart)
        {
            case LineChartSpec line:
                DrawLines(plot, line);
                break;
            case BarChartSpec bars:
                DrawBars(plot, bars);
                break;
            case HeatMapSpec heat:
                DrawHeatMap(plot, heat, font);
                break;
            default:
                throw new ArgumentException($"Unknown chart kind {chart.GetType().Name}.", nameof(chart));
        }

        plot.Title(chart.Title);
        plot.Font.Set(font);
        return plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png);
    }

    private static void DrawLines(Plot plot, LineChartSpec line)
    {
        double[] xs = [.. line.Days.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate())];
        foreach (var series in line.Series)
        {
            var scatter = plot.Add.Scatter(xs, series.Values.ToArray());
            scatter.LegendText = series.Name;
            scatter.LineWidth = 2;
            if (series.RightAxis)
            {
                scatter.Axes.YAxis = plot.Axes.Right;
            }
        }

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Min = 0;
        plot.ShowLegend(Alignment.UpperLeft);
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, Math.Max(1, line.Series.Where(s => !s.RightAxis).SelectMany(s => s.Values).DefaultIfEmpty(0).Max() * 1.15), plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, line.Series.Where(s => s.RightAxis).SelectMany(s => s.Values).DefaultIfEmpty(0).Max() * 1.15), plot.Axes.Right);
    }

    private static void DrawBars(Plot plot, BarChartSpec chart)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var groups = chart.Series.Count;
        var bars = new List<Bar>();
        for (var s = 0; s < groups; s++)
        {
            for (var c = 0; c < chart.Categories.Count; c++)
            {
                var value = chart.Series[s].Values[c];
                bars.Add(new Bar
                {
                    Position = c * (groups + 1) + s,
                    Value = value,
                    FillColor = palette.GetColor(s),
                    Label = value.ToString("0", CultureInfo.InvariantCulture) + chart.ValueSuffix,
                });
            }

            plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Series[s].Name, FillColor = palette.GetColor(s) });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.SetTicks(
            [.. chart.Categories.Select((_, c) => c * (groups + 1) + (groups - 1) / 2.0)],
            [.. chart.Categories]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>Cells as rectangles (first row on top), colored by value; blank where a value is missing.</summary>
    private static void DrawHeatMap(Plot plot, HeatMapSpec heat, string font)
    {
        var colormap = new ScottPlot.Colormaps.Viridis();
        var values = heat.Values.SelectMany(r => r).OfType<double>().ToList();
        var (min, max) = values.Count == 0 ? (0d, 1d) : (values.Min(), values.Max());
        var span = max > min ? max - min : 1;
        var rows = heat.RowLabels.Count;
        for (var row = 0; row < rows; row++)
        {
            var y = rows - 1 - row;
            for (var column = 0; column < heat.ColumnLabels.Count; column++)
            {
                if (heat.Values[row][column] is not { } value)
                {
                    continue;
                }

                var fraction = (value - min) / span;
                var cell = plot.Add.Rectangle(column, column + 1, y, y + 1);
                cell.FillColor = colormap.GetColor(fraction);
                cell.LineWidth = 0;
                if (heat.CellFormat is { } format)
                {
                    var label = plot.Add.Text(value.ToString(format, CellCulture), column + 0.5, y + 0.5);
                    label.LabelFontName = font;
                    label.LabelFontSize = 14;
                    label.LabelAlignment = Alignment.MiddleCenter;
                    label.LabelFontColor = fraction > 0.6 ? Colors.Black : Colors.White;
                }
            }
        }

        plot.Axes.Bottom.SetTicks([.. heat.ColumnLabels.Select((_, c) => c + 0.5)], [.. heat.ColumnLabels]);
        plot.Axes.Left.SetTicks([.. heat.RowLabels.Select((_, r) => rows - 1 - r + 0.5)], [.. heat.RowLabels]);
        plot.Axes.SetLimits(0, heat.ColumnLabels.Count, 0, rows);
        plot.Grid.IsVisible = false;
    }
}
