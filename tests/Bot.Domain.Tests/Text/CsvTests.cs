using Bot.Domain.Text;

namespace Bot.Domain.Tests.Text;

public sealed class CsvTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks_and_records_know_their_first_line()
    {
        var (records, unclosed) = Csv.Read("\uFEFFquestion,answer\r\n\"a, b\",\"say \"\"hi\"\"\nthen go\"\r\n\r\n  \"x\" ,y");

        Assert.Null(unclosed);
        Assert.Equal([1, 2, 4, 5], records.Select(r => r.Line));
        Assert.Equal(["question", "answer"], records[0].Fields);
        Assert.Equal(["a, b", "say \"hi\"\nthen go"], records[1].Fields);
        Assert.True(records[2].IsBlank);
        Assert.Equal(["x ", "y"], records[3].Fields);
    }

    [Fact]
    public void A_quote_never_closed_is_reported_at_the_line_it_opens()
    {
        var (records, unclosed) = Csv.Read("a,b\n1,2\n3,\"four\n5,6\n");

        Assert.Empty(records);
        Assert.Equal(3, unclosed);
    }
}
