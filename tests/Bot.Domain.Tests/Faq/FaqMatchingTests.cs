using Bot.Domain.Faq;

namespace Bot.Domain.Tests.Faq;

public sealed class FaqMatchingTests
{
    private static readonly FaqOptions Options = new();

    private static readonly FaqEntry[] Entries =
    [
        new(1, ["如何重設密碼", "how do I reset my password"], "Settings → Account.", []),
        new(2, ["如何申請退款", "how do I get a refund"], "Order page → Refund.", []),
        new(3, ["how do I join the guild"], "Press Join.", []),
    ];

    private static string[] Terms(string text) => [.. FaqTokenizer.Terms(text).Where(t => t.Weight >= FaqTokenizer.WordWeight).Select(t => t.Text)];

    [Fact]
    public void Traditional_and_Simplified_and_full_width_give_the_same_terms()
    {
        Assert.Equal(FaqTokenizer.Terms("如何重設密碼？"), FaqTokenizer.Terms("如何重设密码?"));
        Assert.Equal(FaqTokenizer.Terms("ＲＥＳＥＴ password"), FaqTokenizer.Terms("reset PASSWORD"));
    }

    [Fact]
    public void A_text_tokenized_again_with_another_lexicon_gets_that_lexicons_terms_and_nobody_can_change_them()
    {
        var taught = FaqLexicon.Shipped.With([new FaqSynonym("clan", "guild")]);

        var shipped = FaqTokenizer.Terms("join the clan", FaqLexicon.Shipped);
        var withSynonym = FaqTokenizer.Terms("join the clan", taught);

        Assert.Contains(shipped, t => t.Text == "clan");
        Assert.Contains(withSynonym, t => t.Text == "guild");
        Assert.DoesNotContain(withSynonym, t => t.Text == "clan");
        Assert.Equal(withSynonym, FaqTokenizer.Terms("join the clan", taught));
        Assert.Throws<NotSupportedException>(() => ((IList<FaqTerm>)withSynonym).Add(new FaqTerm("x", 1)));
    }

    [Fact]
    public void Chinese_is_cut_into_words_and_the_question_frame_is_dropped()
    {
        Assert.Equal(["我", "的", "订单", "什么时候", "出货"], FaqSegmenter.Segment("我的订单什么时候出货", FaqLexicon.Shipped));
        Assert.Equal(["重设", "密码"], Terms("請問要怎麼重設密碼呢"));
        Assert.Equal(["weather", "forecast"], Terms("what is the weather forecast?"));
    }

    [Fact]
    public void English_and_Chinese_words_for_one_thing_read_as_one_term()
    {
        Assert.Equal(Terms("重設密碼"), Terms("how do I reset my password?"));
        Assert.Equal(Terms("怎麼导出資料"), Terms("how do I export my data"));
    }

    [Fact]
    public void English_endings_come_off_so_word_forms_meet()
    {
        Assert.Equal(["invit", "invit", "invit", "invit"], new[] { "invite", "invites", "inviting", "invited" }.Select(FaqStemmer.Stem));
        Assert.Equal(["ship", "ship", "ship"], new[] { "ship", "shipped", "shipping" }.Select(FaqStemmer.Stem));
        Assert.Equal(["lottery", "lottery"], new[] { "lottery", "lotteries" }.Select(FaqStemmer.Stem));
        Assert.Equal(["pay", "buy", "send", "win"], new[] { "paid", "bought", "sent", "won" }.Select(FaqStemmer.Stem));
    }

    [Fact]
    public void Verbs_of_asking_and_filler_frame_the_question_rather_than_name_its_topic()
    {
        Assert.Equal(Terms("退款"), Terms("我想申請退款"));
        Assert.Equal(Terms("how do I get a refund"), Terms("can I request a refund"));
        Assert.Equal(Terms("帳號刪除"), Terms("帳號裡的東西還是刪除的時候"));
    }

    [Fact]
    public void An_everyday_English_word_no_phrasing_has_costs_less_than_a_rare_one()
    {
        var index = FaqIndex.Build(Entries);
        var everyday = index.Rank("how do I reset my password this week", 1)[0].Confidence;
        var topic = index.Rank("how do I reset my password installments", 1)[0].Confidence;

        Assert.True(FaqLexicon.Shipped.IsCommonEnglish(FaqStemmer.Stem("week")));
        Assert.True(everyday > topic + 0.1, $"{everyday:0.000} vs {topic:0.000}");
        Assert.True(index.Match("how do I reset my password this week", Options).Confident);
    }

    [Theory]
    [InlineData("我想重新設定密碼", 1)]
    [InlineData("密码要怎么重置呢", 1)]
    [InlineData("how can I get my money back?", 2)]
    [InlineData("how do i reset my pasword", 1)]
    public void Shipped_synonyms_and_typo_neighbours_reach_the_entry(string question, long entry)
    {
        var match = FaqIndex.Build(Entries).Match(question, Options);

        Assert.Equal(entry, match.Best!.EntryId);
        Assert.True(match.Confident, $"{match.Best.Confidence:0.00}");
    }

    [Fact]
    public void A_communitys_synonym_makes_its_own_word_match()
    {
        var shipped = FaqIndex.Build(Entries).Match("how do I join the clan", Options);
        var taught = FaqIndex.Build(Entries, FaqLexicon.Shipped.With([new FaqSynonym("clan", "guild")])).Match("how do I join the clan", Options);

        Assert.False(shipped.Confident);
        Assert.True(taught.Confident);
        Assert.Equal(3, taught.Best!.EntryId);
        Assert.Equal(0, FaqLexicon.Shipped.Canonical("clan")?.Length ?? 0);
    }

    [Fact]
    public void A_question_that_adds_another_topic_to_an_entry_is_not_answered()
    {
        var match = FaqIndex.Build(Entries).Match("退款的運費誰出", Options);

        Assert.Equal(2, match.Best!.EntryId);
        Assert.False(match.Confident);
    }

    [Fact]
    public void Members_verdicts_move_an_entrys_weight_within_bounds()
    {
        var entry = Entries[0];

        Assert.Equal(1.0, FaqEntryWeight.Of(entry), 6);
        Assert.InRange(FaqEntryWeight.Of(entry with { Unhelpful = 3 }), 0.9, 0.99);
        Assert.InRange(FaqEntryWeight.Of(entry with { Unhelpful = 1000 }), 0.9, 0.901);
        Assert.InRange(FaqEntryWeight.Of(entry with { Helpful = 2, Chosen = 2 }), 1.01, 1.1);
        Assert.True(FaqEntryWeight.Of(entry with { Helpful = 1000 }) <= 1.1);
    }

    [Fact]
    public void Downvotes_lower_the_confidence_of_the_same_match()
    {
        var liked = FaqIndex.Build([Entries[0] with { Helpful = 10 }]).Rank("重設密碼的方法", 1)[0].Confidence;
        var disliked = FaqIndex.Build([Entries[0] with { Unhelpful = 10 }]).Rank("重設密碼的方法", 1)[0].Confidence;

        Assert.True(disliked < liked, $"{disliked:0.000} vs {liked:0.000}");
    }
}
