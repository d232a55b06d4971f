using Bot.Adapters.Faq;

namespace Bot.Adapters.Tests.Faq;

public sealed class YamlFaqReaderTests
{
    private readonly YamlFaqReader _reader = new();

    [Fact]
    public void Reads_lists_of_phrasings_a_single_question_and_tags()
    {
        var result = _reader.Read(
            """
            - questions: [如何申請退款, how do I get a refund]
              answer: Order page → Refund.
              tags: [Billing, "#refund"]
            - question: 運費多少
              answer: |
                滿 1000 免運費。
            """);

        Assert.Null(result.Error);
        Assert.Equal(2, result.Drafts.Count);
        Assert.Equal(["如何申請退款", "how do I get a refund"], result.Drafts[0].Questions);
        Assert.Equal(["billing", "refund"], result.Drafts[0].Tags);
        Assert.Equal(["運費多少"], result.Drafts[1].Questions);
        Assert.Equal("滿 1000 免運費。", result.Drafts[1].Answer);
    }

    [Theory]
    [InlineData("- questions: [a\n  answer: b", 1)]
    [InlineData("- answer: b\n  questoins: [a]", 2)]
    [InlineData("questions: [a]\nanswer: b", 1)]
    public void A_malformed_file_is_refused_naming_the_line(string yaml, int line)
    {
        var error = _reader.Read(yaml).Error!;

        Assert.Equal(("ImportYamlSyntax", line), (error.Key, Convert.ToInt32(error.Args[0], System.Globalization.CultureInfo.InvariantCulture)));
    }
}
