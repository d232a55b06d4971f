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
    private static readonly SkiaChartRenderer Renderer = new(new ChartOptions(), NullLogger<SkiaChartRenderer>.Instance);

    /// <summary>Rendered samples are kept here for a person to look at.</summary>
    private static readonly string SampleDir = Path.Combine(AppContext.BaseDirectory, "chart-samples");

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var size in ChartSamples.Sizes)
        {
            foreach (var language in ChartSamples.Languages)
            {
                cases.Add(size, language);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_chart_keeps_its_text_inside_the_image_with_no_two_labels_overlapping(string size, string language)
    {
        Directory.CreateDirectory(SampleDir);
        foreach (var (name, chart) in ChartSamples.All(size, language))
        {
            var rendered = Renderer.Render(chart);
            File.WriteAllBytes(Path.Combine(SampleDir, $"{name}-{size}-{language}.png"), rendered.Png);

            Assert.Equal(PngSignature, rendered.Png[..8]);
            Assert.NotEmpty(rendered.Texts);
            foreach (var text in rendered.Texts)
            {
                Assert.True(
                    text.Box.Left >= 0 && text.Box.Top >= 0 && text.Box.Right <= rendered.Width && text.Box.Bottom <= rendered.Height,
                    $"{name}/{size}/{language}: '{text.Text}' at {text.Box} leaves the {rendered.Width}×{rendered.Height} image");
            }

            for (var i = 0; i < rendered.Texts.Count; i++)
            {
                for (var j = i + 1; j < rendered.Texts.Count; j++)
                {
                    var (a, b) = (rendered.Texts[i], rendered.Texts[j]);
                    Assert.False(
                        Overlap(a.Box, b.Box),
                        $"{name}/{size}/{language}: '{a.Text}' at {a.Box} overlaps '{b.Text}' at {b.Box}");
                }
            }
        }
    }

    [Fact]
    public void An_empty_period_says_so_in_words_instead_of_drawing_flat_lines()
    {
        var chart = ChartSamples.All("empty", "zh-TW").Single(c => c.Name == "activity").Chart;

        var rendered = Renderer.Render(chart);

        Assert.Contains(rendered.Texts, t => t.Text == chart.EmptyText);
        Assert.DoesNotContain(rendered.Texts, t => t.Text == "0");
    }

    [Fact]
    public void Today_is_named_as_partial_and_day_labels_are_in_the_communitys_language()
    {
        var chart = (LineChartSpec)ChartSamples.All("typical", "zh-TW").Single(c => c.Name == "activity").Chart;

        var texts = Renderer.Render(chart).Texts.Select(t => t.Text).ToList();

        Assert.Contains(texts, t => t.Contains("未完整", StringComparison.Ordinal));
        Assert.Contains("11月29日", texts);
        Assert.Contains(texts, t => t.Contains("1,", StringComparison.Ordinal) || t.Contains("成員", StringComparison.Ordinal));
    }

    [Fact]
    public void Large_counts_have_thousands_separators_and_two_scales_have_two_axes()
    {
        var chart = (LineChartSpec)ChartSamples.All("large", "en").Single(c => c.Name == "activity").Chart;

        var rendered = Renderer.Render(chart);
        var ticks = rendered.Texts.Where(t => t.Text.Contains(',', StringComparison.Ordinal) && t.Text.All(c => char.IsDigit(c) || c == ',')).ToList();

        Assert.Contains(ticks, t => t.Box.Right < rendered.Width / 2f);
        Assert.Contains(ticks, t => t.Box.Left > rendered.Width / 2f);
    }

    [Fact]
    public void Cjk_titles_are_drawn_as_their_own_glyphs_not_as_boxes()
    {
        // A font without these glyphs draws every character as the same box, so two different titles of the
        // same length would give identical images; drawn glyphs differ.
        var chart = ChartSamples.All("typical", "zh-TW").Single(c => c.Name == "funnel").Chart;
        var first = Pixels(Renderer.RenderPng(chart with { Title = "成員數量" })!);
        var second = Pixels(Renderer.RenderPng(chart with { Title = "留存轉化" })!);

        Assert.True(first.Zip(second).Count(p => p.First != p.Second) > 50, "the two CJK titles rendered the same");
    }

    [Fact]
    public void With_no_font_configured_charts_use_the_bundled_font_whatever_is_installed()
    {
        Assert.Equal(ChartFont.BundledFamily, Renderer.FontFamily);
    }

    [Fact]
    public void A_configured_font_that_is_not_installed_is_logged_once_and_the_bundled_font_draws_instead()
    {
        using var logs = new CapturedLogs();
        using var factory = new LoggerFactory([logs]);
        var renderer = new SkiaChartRenderer(new ChartOptions { FontFamily = "No Such Font 42" }, factory.CreateLogger<SkiaChartRenderer>());
        var chart = ChartSamples.All("typical", "zh-TW").Single(c => c.Name == "funnel").Chart;

        var first = Pixels(renderer.RenderPng(chart with { Title = "成員數量" })!);
        var second = Pixels(renderer.RenderPng(chart with { Title = "留存轉化" })!);

        Assert.Equal(ChartFont.BundledFamily, renderer.FontFamily);
        Assert.True(first.Zip(second).Count(p => p.First != p.Second) > 50, "the two CJK titles rendered the same");
        var warning = Assert.Single(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains("'No Such Font 42' (Charts:FontFamily) is not installed", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_that_cannot_be_drawn_is_logged_and_left_out_instead_of_failing_the_answer()
    {
        using var logs = new CapturedLogs();
        using var factory = new LoggerFactory([logs]);
        var renderer = new SkiaChartRenderer(new ChartOptions(), factory.CreateLogger<SkiaChartRenderer>());

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

    private static bool Overlap(SKRect a, SKRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static uint[] Pixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return [.. bitmap.Pixels.Select(p => (uint)p)];
    }

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
