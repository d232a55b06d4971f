using Bot.Adapters.Charts;
using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly ScottPlotChartRenderer _renderer = new(new ChartOptions());

    private static readonly DateOnly Start = new(2025, 3, 1);

    public static TheoryData<string> Kinds => ["line", "bars", "heatmap", "cohorts"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_chart_kind_renders_a_png_of_the_requested_size_with_a_drawing_on_it(string kind)
    {
        var png = _renderer.RenderPng(Chart(kind, "成員與活躍度 Members"));

        Assert.Equal(PngSignature, png[..8]);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(900, bitmap.Width);
        Assert.Equal(500, bitmap.Height);
        var colors = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colors.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colors.Count > 20, $"{kind}: only {colors.Count} colors, the chart looks blank");
    }

    [Fact]
    public void Cjk_titles_are_drawn_as_their_own_glyphs_not_as_boxes()
    {
        // A font without these glyphs draws every character as the same box, so two different titles of the
        // same length would give identical images; drawn glyphs differ.
        var first = Pixels(_renderer.RenderPng(Chart("line", "成員數量")));
        var second = Pixels(_renderer.RenderPng(Chart("line", "留存轉化")));
        var none = Pixels(_renderer.RenderPng(Chart("line", string.Empty)));

        Assert.True(Differing(first, second) > 50, "the two CJK titles rendered the same");
        Assert.True(Differing(first, none) > 50, "the CJK title left no mark");
    }

    [Fact]
    public void A_missing_font_is_a_clear_error_naming_what_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ScottPlotChartRenderer(new ChartOptions { FontFamily = "No Such Font 42" }));

        Assert.Contains("No Such Font 42", error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-noto-cjk", error.Message, StringComparison.Ordinal);
    }

    private static ChartSpec Chart(string kind, string title)
    {
        var days = Enumerable.Range(0, 14).Select(i => Start.AddDays(i)).ToList();
        return kind switch
        {
            "line" => new LineChartSpec(title, days,
            [
                new ChartSeries("成員", [.. days.Select((_, i) => 100.0 + i * 3)]),
                new ChartSeries("訊息", [.. days.Select((_, i) => 40.0 + (i % 5) * 10)], RightAxis: true),
            ]),
            "bars" => new BarChartSpec(title, ["成員數量", "留存率"], [new ChartSeries("月度", [80, 45]), new ChartSeries("年度", [30, 20])], "%"),
            "heatmap" => new HeatMapSpec(title, ["一", "二", "三", "四", "五", "六", "日"], [.. Enumerable.Range(0, 24).Select(h => h.ToString("00"))],
                [.. Enumerable.Range(0, 7).Select(d => (IReadOnlyList<double?>)[.. Enumerable.Range(0, 24).Select(h => (double?)((d + 1) * h % 17))])]),
            _ => new HeatMapSpec(title, ["2025-03-03（12 人加入）", "2025-03-10（8 人加入）"], ["1 日", "7 日", "30 日"],
                [[0.8, 0.5, 0.2], [0.75, null, null]], CellFormat: "P0"),
        };
    }

    private static uint[] Pixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return [.. bitmap.Pixels.Select(p => (uint)p)];
    }

    private static int Differing(uint[] a, uint[] b) => a.Zip(b).Count(p => p.First != p.Second);
}
