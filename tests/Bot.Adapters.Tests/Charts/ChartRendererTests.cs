using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bot.Adapters.Charts;
using Bot.Adapters.Tests.Telegram;
using Bot.Domain.Stats;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace Bot.Adapters.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly ScottPlotChartRenderer _renderer = new(new ChartOptions(), NullLogger<ScottPlotChartRenderer>.Instance);

    private static readonly DateOnly Start = new(2025, 3, 1);

    public static TheoryData<string> Kinds => ["line", "bars", "heatmap", "cohorts"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_chart_kind_renders_a_png_of_the_requested_size_with_a_drawing_on_it(string kind)
    {
        var png = _renderer.RenderPng(Chart(kind, "成員與活躍度 Members"))!;

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
        var first = Pixels(_renderer.RenderPng(Chart("line", "成員數量"))!);
        var second = Pixels(_renderer.RenderPng(Chart("line", "留存轉化"))!);
        var none = Pixels(_renderer.RenderPng(Chart("line", string.Empty))!);

        Assert.True(Differing(first, second) > 50, "the two CJK titles rendered the same");
        Assert.True(Differing(first, none) > 50, "the CJK title left no mark");
    }

    [Fact]
    public void With_no_font_configured_charts_use_the_bundled_font_whatever_is_installed()
    {
        Assert.Equal(ChartFont.BundledFamily, _renderer.FontFamily);
    }

    [Fact]
    public void A_configured_font_that_is_not_installed_is_logged_once_and_the_bundled_font_draws_instead()
    {
        using var logs = new CapturedLogs();
        using var factory = new LoggerFactory([logs]);
        var renderer = new ScottPlotChartRenderer(new ChartOptions { FontFamily = "No Such Font 42" }, factory.CreateLogger<ScottPlotChartRenderer>());

        var first = Pixels(renderer.RenderPng(Chart("bars", "成員數量"))!);
        var second = Pixels(renderer.RenderPng(Chart("bars", "留存轉化"))!);

        Assert.Equal(ChartFont.BundledFamily, renderer.FontFamily);
        Assert.True(Differing(first, second) > 50, "the two CJK titles rendered the same");
        var warning = Assert.Single(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("'No Such Font 42' (Charts:FontFamily) is not installed", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_that_cannot_be_drawn_is_logged_and_left_out_instead_of_failing_the_answer()
    {
        using var logs = new CapturedLogs();
        using var factory = new LoggerFactory([logs]);
        var renderer = new ScottPlotChartRenderer(new ChartOptions(), factory.CreateLogger<ScottPlotChartRenderer>());

        var png = renderer.RenderPng(new BarChartSpec("bad", ["a"], [new ChartSeries("s", [])]));

        Assert.Null(png);
        Assert.Contains(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("Drawing a BarChartSpec failed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bundled_font_draws_every_character_of_the_chinese_stats_texts_and_simplified_chinese_too()
    {
        var resx = Path.Combine(RepositoryRoot(), "src", "Bot.Domain", "Stats", "StatsStrings.zh-TW.resx");
        var text = string.Concat(XDocument.Load(resx).Descendants("value").Select(v => v.Value)) + "简体中文：这个图表显示成员数量";
        var chinese = string.Concat(Regex.Matches(text, @"\p{IsCJKUnifiedIdeographs}|\p{IsCJKSymbolsandPunctuation}|\p{IsHalfwidthandFullwidthForms}").Select(m => m.Value));
        using var stream = typeof(ChartFont).Assembly.GetManifestResourceStream("Bot.Adapters.Charts.Fonts.NotoSansCJKtc-Regular-Subset.otf")!;
        using var typeface = SKTypeface.FromStream(stream);

        var missing = chinese.Where(c => !typeface.ContainsGlyphs(c.ToString())).Distinct().ToList();

        Assert.True(chinese.Length > 100, "too few characters to check");
        Assert.True(missing.Count == 0, $"no glyph for: {string.Concat(missing)} (add them in tools/subset-cjk-font.py and regenerate)");
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

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommunityBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
