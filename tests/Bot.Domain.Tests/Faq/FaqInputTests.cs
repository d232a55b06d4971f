using Bot.Domain.Faq;

namespace Bot.Domain.Tests.Faq;

public sealed class FaqInputTests
{
    [Fact]
    public void An_entry_line_gives_phrasings_answer_and_trailing_tags()
    {
        var (draft, error) = FaqEntryParser.Parse("如何退款 | how do I get a refund => Use the #orders page. #billing #Refund");

        Assert.Null(error);
        Assert.Equal(["如何退款", "how do I get a refund"], draft!.Questions);
        Assert.Equal("Use the #orders page.", draft.Answer);
        Assert.Equal(["billing", "refund"], draft.Tags);
    }

    [Fact]
    public void An_edit_with_an_empty_side_keeps_what_the_entry_had()
    {
        var entry = new FaqEntry(3, ["old question"], "old answer", ["tag"]);

        var (draft, _) = FaqEntryParser.Parse("=> new answer", entry);

        Assert.Equal(["old question"], draft!.Questions);
        Assert.Equal("new answer", draft.Answer);
        Assert.Equal(["tag"], draft.Tags);
    }

    [Theory]
    [InlineData("no arrow here", "EntryNoArrow")]
    [InlineData(" => answer", "EntryNoQuestion")]
    [InlineData("question =>", "EntryNoAnswer")]
    [InlineData("？？ => answer", "EntryQuestionEmpty")]
    public void A_bad_entry_is_refused_with_the_reason(string text, string key)
    {
        var (draft, error) = FaqEntryParser.Parse(text);

        Assert.Null(draft);
        Assert.Equal(key, error!.Key);
    }

    [Fact]
    public void Csv_import_reads_quoted_fields_and_phrasings()
    {
        var csv = "questions,answer,tags\n\"how do I pay?|付款方式\",\"Card, or \"\"cash\"\".\",billing|pay\n";

        var result = FaqImport.Read("faq.csv", csv, new NoYaml());

        var draft = Assert.Single(result.Drafts);
        Assert.Equal(["how do I pay?", "付款方式"], draft.Questions);
        Assert.Equal("Card, or \"cash\".", draft.Answer);
        Assert.Equal(["billing", "pay"], draft.Tags);
    }

    [Fact]
    public void One_bad_row_refuses_the_whole_import_naming_the_entry()
    {
        var csv = "questions,answer\nhow do I pay?,Card.\nhow do I ship?,\n";

        var result = FaqImport.Read(null, csv, new NoYaml());

        Assert.Empty(result.Drafts);
        Assert.Equal(("EntryNoAnswer", 2), (result.Error!.Key, result.Row!.Value));
    }

    [Theory]
    [InlineData("question;answer\nx;y", "ImportCsvHeader")]
    [InlineData("questions,answer\n\"open quote,y", "ImportCsvQuote")]
    public void A_malformed_csv_is_refused(string csv, string key) =>
        Assert.Equal(key, FaqImport.Read("faq.csv", csv, new NoYaml()).Error!.Key);

    [Fact]
    public void A_file_that_is_neither_csv_nor_yaml_is_refused() =>
        Assert.Equal("ImportUnknownFormat", FaqImport.Read("faq.xlsx", "x", new NoYaml()).Error!.Key);

    [Theory]
    [InlineData("how do I reset my password", true)]
    [InlineData("password reset please?", true)]
    [InlineData("密碼忘記了怎麼辦", true)]
    [InlineData("我要退款嗎", true)]
    [InlineData("great game last night", false)]
    [InlineData("今天天氣很好", false)]
    [InlineData("why?", false)]
    public void What_counts_as_a_question(string text, bool expected) => Assert.Equal(expected, QuestionDetector.IsQuestion(text));

    private sealed class NoYaml : IFaqYamlReader
    {
        public FaqImportResult Read(string yaml) => throw new InvalidOperationException("CSV expected");
    }
}
