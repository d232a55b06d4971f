using Bot.Domain.Faq;
using Xunit.Abstractions;

namespace Bot.Domain.Tests.Faq;

public sealed class FaqQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Labelled_set_reaches_the_precision_and_recall_targets()
    {
        var options = new FaqOptions();
        var index = FaqIndex.Build(FaqLabelledSet.Entries);
        var (answered, correct, expected) = (0, 0, 0);
        foreach (var (question, want) in FaqLabelledSet.Questions)
        {
            var match = index.Match(question, options.Threshold, options.Margin);
            var got = match.Confident ? match.Best!.EntryId : 0;
            output.WriteLine($"{(got == want ? "ok  " : "MISS")} {want,2} → {got,2}  {match.Best?.Confidence:0.00}/{match.Second?.Confidence:0.00}  {question}");
            expected += want != 0 ? 1 : 0;
            answered += got != 0 ? 1 : 0;
            correct += got != 0 && got == want ? 1 : 0;
        }

        var precision = (double)correct / answered;
        var recall = (double)correct / expected;
        output.WriteLine($"precision {precision:0.000} recall {recall:0.000}");
        Assert.True(FaqLabelledSet.Questions.Count >= 40);
        Assert.True(precision >= 0.9, $"precision {precision:0.000}");
        Assert.True(recall >= 0.8, $"recall {recall:0.000}");
    }
}
