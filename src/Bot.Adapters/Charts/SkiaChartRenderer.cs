using Bot.Domain.Stats;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>A rendered chart and where each piece of its text went.</summary>
public sealed record RenderedChart(byte[] Png, int Width, int Height, IReadOnlyList<PlacedText> Texts);

/// <summary>
/// Draws the domain's chart specs with SkiaSharp. The layout is our own, measured text by text, so every label is
/// known to lie inside the image and clear of the others (<see cref="Render"/> returns the boxes; tests check them).
/// The font is found on first use, not at start: charts are optional, so a font or drawing failure is logged and
/// the chart left out (null), never a reason for the bot not to run.
/// </summary>
public sealed partial class SkiaChartRenderer : IChartRenderer
{
    private readonly Lazy<ChartFont?> _font;
    private readonly ILogger _logger;

    public SkiaChartRenderer(ChartOptions options, ILogger<SkiaChartRenderer> logger)
    {
        _logger = logger;
        _font = new Lazy<ChartFont?>(() => LoadFont(options.FontFamily));
    }

    /// <summary>The family charts are drawn with, or null when no font could be loaded.</summary>
    public string? FontFamily => _font.Value?.Family;

    public byte[]? RenderPng(ChartSpec chart)
    {
        if (_font.Value is null)
        {
            return null;
        }

        try
        {
            return Render(chart).Png;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Skia is native code: whatever it throws, the answer goes out without its chart.
            LogRenderFailed(_logger, ex, chart.GetType().Name);
            return null;
        }
    }

    /// <summary>Draws <paramref name="chart"/> and says where its text went; throws when it cannot.</summary>
    public RenderedChart Render(ChartSpec chart)
    {
        var typeface = (_font.Value ?? throw new InvalidOperationException("No chart font could be loaded.")).Typeface;
        using var surface = SKSurface.Create(new SKImageInfo(chart.Width, chart.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = new ChartCanvas(surface.Canvas, typeface, chart.Width, chart.Height);
        surface.Canvas.Clear(ChartTheme.Background);
        var area = new SKRect(ChartTheme.Padding, ChartTheme.Padding, chart.Width - ChartTheme.Padding, chart.Height - ChartTheme.Padding);
        Paint(canvas, chart, area);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new RenderedChart(data.ToArray(), chart.Width, chart.Height, canvas.Texts);
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

    private static void Paint(ChartCanvas canvas, ChartSpec chart, SKRect area)
    {
        switch (chart)
        {
            case LineChartSpec line:
                LinePainter.Paint(canvas, line, area);
                break;
            case BarChartSpec bars:
                BarPainter.Paint(canvas, bars, area);
                break;
            case HeatMapSpec heat:
                HeatMapPainter.Paint(canvas, heat, area);
                break;
            case TextPanelSpec text:
                TextPanelPainter.Paint(canvas, text, area);
                break;
            case PanelsSpec panels:
                Panels(canvas, panels, area);
                break;
            default:
                throw new ArgumentException($"Unknown chart kind {chart.GetType().Name}.", nameof(chart));
        }
    }

    /// <summary>The page title, then each panel on a light card in a grid, read left to right, top to bottom.</summary>
    private static void Panels(ChartCanvas canvas, PanelsSpec page, SKRect area)
    {
        var body = ChartFrame.Header(canvas, page, area, ChartTheme.TitleSize + 8);
        const float gap = 20, inset = 18;
        var columns = Math.Max(1, page.Columns);
        var rows = (page.Panels.Count + columns - 1) / columns;
        var width = (body.Width - gap * (columns - 1)) / columns;
        var height = (body.Height - gap * (rows - 1)) / Math.Max(1, rows);
        using var card = new SKPaint { Color = ChartTheme.Frame, Style = SKPaintStyle.Stroke, StrokeWidth = 1.5f, IsAntialias = true };
        for (var i = 0; i < page.Panels.Count; i++)
        {
            var left = body.Left + i % columns * (width + gap);
            var top = body.Top + i / columns * (height + gap);
            var cell = new SKRect(left, top, left + width, top + height);
            canvas.Raw.DrawRoundRect(cell, 12, 12, card);
            var inner = new SKRect(cell.Left + inset, cell.Top + inset, cell.Right - inset, cell.Bottom - inset);
            canvas.Raw.Save();
            canvas.Raw.ClipRect(cell);
            Paint(canvas, page.Panels[i] is PanelsSpec ? throw new ArgumentException("Panels do not nest.", nameof(page)) : page.Panels[i], inner);
            canvas.Raw.Restore();
        }
    }
}
