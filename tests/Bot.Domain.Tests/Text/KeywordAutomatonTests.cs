using System.Text.RegularExpressions;
using Bot.Domain.Text;

namespace Bot.Domain.Tests.Text;

public sealed class KeywordAutomatonTests
{
    private static readonly KeywordAutomaton Filter = KeywordAutomaton.Build(["賭博", "bet", "casino", "代開發票", "free nitro"]);

    [Theory]
    [InlineData("來玩線上賭 博")]
    [InlineData("赌博网站")]
    [InlineData("賭.博")]
    [InlineData("賭\u200B博")]
    [InlineData("I bet you")]
    [InlineData("b-e-t now")]
    [InlineData("B E T")]
    [InlineData("ＢＥＴ365")]
    [InlineData("𝐛𝐞𝐭 🎰")]
    [InlineData("來bet")]
    [InlineData("be t")]
    [InlineData("best сasino in town")]
    [InlineData("c.a.s.i.n.o")]
    [InlineData("代 開 發 票")]
    [InlineData("FREE-NITRO.gift")]
    [InlineData("ﬁne, bet")]
    public void Catches_keywords_and_their_evasions(string message)
    {
        Assert.True(Filter.IsMatch(message));
        Assert.NotEmpty(Filter.FindAll(TextNormalizer.Analyze(message)));
    }

    [Theory]
    [InlineData("better luck next time")]
    [InlineData("the alphabet")]
    [InlineData("a cab et cetera")]
    [InlineData("abet")]
    [InlineData("bets")]
    [InlineData("betting365")]
    [InlineData("賭神電影")]
    [InlineData("occasionally")]
    [InlineData("nitrogen free")]
    [InlineData("")]
    public void Leaves_innocent_text_alone(string message)
    {
        Assert.False(Filter.IsMatch(message));
        Assert.Empty(Filter.FindAll(TextNormalizer.Analyze(message)));
    }

    [Fact]
    public void Reports_which_keyword_and_the_original_text()
    {
        var text = TextNormalizer.Analyze("快來 賭．博 吧");

        var hit = Assert.Single(Filter.FindAll(text));

        Assert.Equal(0, hit.Keyword);
        Assert.Equal("賭．博", text.OriginalSpan(hit.Start, hit.End));
    }

    [Fact]
    public void Reports_overlapping_keywords()
    {
        var filter = KeywordAutomaton.Build(["he", "she", "hers", "his"]);

        var hits = filter.FindAll(TextNormalizer.Analyze("ushers"));

        Assert.Empty(hits); // Latin keywords inside a word are not words.
        var cjk = KeywordAutomaton.Build(["博彩", "賭博", "賭博網"]);
        Assert.Equal([1, 0, 1, 2], cjk.FindAll(TextNormalizer.Analyze("賭博彩網 賭博網")).Select(h => h.Keyword));
    }

    [Fact]
    public void Refuses_a_keyword_with_no_letters() =>
        Assert.Throws<ArgumentException>(() => KeywordAutomaton.Build(["賭博", " ..!"]));

    [Fact]
    public void Agrees_with_a_regex_on_many_random_messages()
    {
        // Plain lower-case keywords and text without separators: the automaton must find exactly what an
        // alternation with word boundaries finds (for Latin) and plain occurrence (for Han).
        var random = new Random(7);
        const string han = "賭博彩票發開代網站線上來玩";
        var keywords = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? Pick(random, han, 2, 4) : Pick(random, "abcde", 2, 4)).Distinct().ToArray();
        var filter = KeywordAutomaton.Build(keywords);
        var simplified = keywords.Select(TextNormalizer.Normalize).ToArray();
        var regex = new Regex(string.Join('|', simplified.Select(k => char.IsAsciiLetter(k[0]) ? $@"(?<![a-e]){k}(?![a-e])" : k)));
        for (var i = 0; i < 2000; i++)
        {
            var message = Pick(random, han + "abcde", 5, 30);
            Assert.Equal(regex.IsMatch(TextNormalizer.Normalize(message)), filter.IsMatch(message));
        }
    }

    [Theory]
    [InlineData("賭博,ab,abc,bc1,cd,2e,博彩a,e")]
    [InlineData("彩,賭博彩,a1,ba,dc,ed,e2")]
    [InlineData("博,賭,abcde,a")]
    public void The_fused_fast_path_agrees_with_the_checked_scan(string list)
    {
        // Separators, digits, emoji, full-width and ligature characters exercise every branch of the fast path;
        // one-char keywords and keywords that begin inside others exercise the pair filter's walks.
        var random = new Random(11);
        const string alphabet = "賭博彩abcde12 -.\u200BＡ";
        var filter = KeywordAutomaton.Build(list.Split(','));
        for (var i = 0; i < 5000; i++)
        {
            var message = Pick(random, alphabet, 1, 25);
            if (random.Next(10) == 0)
            {
                message = message.Insert(random.Next(message.Length), random.Next(2) == 0 ? "🎰" : "ﬁ");
            }

            Assert.True(filter.IsMatch(TextNormalizer.Analyze(message)) == filter.IsMatch(message), $"disagree on '{message}'");
        }
    }

    private static string Pick(Random random, string alphabet, int min, int max) =>
        new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
