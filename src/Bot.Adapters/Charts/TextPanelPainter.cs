using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Charts;

/// <summary>Short lines under a title, wrapped to the panel; lines that do not fit are left out and counted.</summary>
internal static class TextPanelPainter
{
    public static void Paint(ChartCanvas canvas, TextPanelSpec panel, SKRect area)
    {
        var body = ChartFrame.Header(canvas, panel, area);
        if (panel.EmptyText is { } empty || panel.Lines.Count == 0)
        {
            ChartFrame.Empty(canvas, panel.EmptyText ?? string.Empty, body);
            return;
        }

        var size = ChartTheme.LabelSize + 2;
        var lineHeight = canvas.LineHeight(size) + 6;
        var y = body.Top;
        foreach (var item in panel.Lines)
        {
            var wrapped = canvas.Wrap(item, size, body.Width - 16);
            if (y + wrapped.Count * lineHeight > body.Bottom)
            {
                canvas.Text("…", body.Left, y, size, ChartTheme.Muted);
                return;
            }

            var indent = 0f;
            foreach (var line in wrapped)
            {
                canvas.Text(line, body.Left + indent, y, size, ChartTheme.Ink);
                y += lineHeight;
                indent = 16;
            }

            y += 6;
        }
    }
}
