using Bot.Domain.Text;

namespace Bot.Domain.Tests.Text;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("賭博", "赌博")]
    [InlineData("賭 博", "赌博")]
    [InlineData("賭.博", "赌博")]
    [InlineData("賭\u200B博", "赌博")]
    [InlineData("賭\u200D\uFE0F博", "赌博")]
    [InlineData("來玩線上賭 博", "来玩线上赌博")]
    [InlineData("ＢＥＴ", "bet")]
    [InlineData("b-e-t", "bet")]
    [InlineData("B E T", "bet")]
    [InlineData("𝐛𝐞𝐭", "bet")]
    [InlineData("ⓑⓔⓣ", "bet")]
    [InlineData("сasino", "casino")]
    [InlineData("café", "cafe")]
    [InlineData("ﬁne", "fine")]
    [InlineData("１２３", "123")]
    [InlineData("ﾊﾟﾁﾝｺ", "ハチンコ")]
    [InlineData("🎰🎰 hi 🎰", "hi")]
    [InlineData("發髮", "发发")]
    [InlineData("", "")]
    public void Folds_to_one_canonical_form(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Folding_twice_changes_nothing_for_every_bmp_character()
    {
        var broken = new List<int>();
        for (var c = 0; c < 65536; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var once = TextNormalizer.Normalize(((char)c).ToString());
            if (TextNormalizer.Normalize(once) != once)
            {
                broken.Add(c);
            }
        }

        Assert.True(broken.Count == 0, "Not idempotent: " + string.Join(' ', broken.Take(20).Select(c => $"U+{c:X4}")));
    }

    [Fact]
    public void Maps_folded_positions_back_to_the_original()
    {
        var text = TextNormalizer.Analyze("來玩線上賭 博!!");

        Assert.Equal("来玩线上赌博", text.ToString());
        Assert.Equal(4, text.SourceOf(4));
        Assert.Equal(6, text.SourceOf(5));
        Assert.Equal("賭 博", text.OriginalSpan(4, 5));
    }

    [Fact]
    public void Records_gaps_where_something_was_stripped()
    {
        var text = TextNormalizer.Analyze("ab c");

        Assert.True(text.GapBefore(0));
        Assert.False(text.GapBefore(1));
        Assert.True(text.GapBefore(2));
        Assert.False(text.GapBefore(3));
    }

    [Fact]
    public void Splits_runs_at_gaps_and_script_changes()
    {
        var runs = TextNormalizer.Analyze("Hello, 世 界 bet365玩 b e").Runs().ToArray();

        Assert.Equal(["hello", "世界", "bet365", "玩", "b", "e"], runs);
    }

    [Fact]
    public void Every_variant_target_is_itself_unchanged_by_folding()
    {
        foreach (var (traditional, simplified) in ChineseVariants.Map)
        {
            Assert.Equal(simplified.ToString(), TextNormalizer.Normalize(traditional.ToString()));
            Assert.Equal(simplified.ToString(), TextNormalizer.Normalize(simplified.ToString()));
        }

        Assert.True(ChineseVariants.Map.Count >= 300);
    }
}
