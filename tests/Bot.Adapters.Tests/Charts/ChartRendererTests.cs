using Bot.Adapters.Charts;
using Bot.Domain.Stats;
using SkiaSharp;

namespace Bot.Adapters.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly SkiaChartRenderer Renderer = new(new ChartFont(new ChartOptions()));

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
        var first = Pixels(Renderer.RenderPng(chart with { Title = "成員數量" }));
        var second = Pixels(Renderer.RenderPng(chart with { Title = "留存轉化" }));

        Assert.True(first.Zip(second).Count(p => p.First != p.Second) > 50, "the two CJK titles rendered the same");
    }

    [Fact]
    public void A_missing_font_is_a_clear_error_naming_what_to_install()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ChartFont.Resolve("No Such Font 42"));

        Assert.Contains("No Such Font 42", error.Message, StringComparison.Ordinal);
    }

    private static bool Overlap(SKRect a, SKRect b) => a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;

    private static uint[] Pixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        return [.. bitmap.Pixels.Select(p => (uint)p)];
    }
}
