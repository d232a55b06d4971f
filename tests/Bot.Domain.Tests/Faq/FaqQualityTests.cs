using Bot.Domain.Faq;
using Xunit.Abstractions;

namespace Bot.Domain.Tests.Faq;

/// <summary>The matcher on the labelled set: the held-out half's figures are the ones reported and held to the targets.</summary>
public sealed class FaqQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Held_out_half_reaches_the_precision_and_recall_targets()
    {
        var questions = FaqEvaluation.Questions("heldout.tsv");
        var figures = FaqEvaluation.Measure(FaqIndex.Build(FaqEvaluation.Entries), questions, new FaqOptions());

        output.WriteLine($"held-out: {figures}");
        Assert.True(FaqEvaluation.Entries.Count >= 40 && questions.Count >= 200 && figures.Negatives >= 0.3 * questions.Count);
        Assert.True(figures.Precision >= 0.95, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.85, $"recall {figures.Recall:0.000}");
    }

    [Fact]
    public void Tune_half_is_listed_question_by_question()
    {
        var questions = FaqEvaluation.Questions("tune.tsv");
        var index = FaqIndex.Build(FaqEvaluation.Entries);
        var figures = FaqEvaluation.Measure(index, questions, new FaqOptions(), output.WriteLine);

        output.WriteLine($"tune: {figures}");
        foreach (var (share, unknown) in new[] { (0.7, 1.0), (0.5, 1.0), (0.4, 1.0), (0.5, 0.6), (0.4, 0.6), (0.3, 0.6), (0.4, 0.4), (0.5, 0.3) })
        foreach (var margin in new[] { 0.0, 0.05, 0.1 })
        {
            FaqIndex.DocumentShare = share;
            FaqIndex.UnknownShare = unknown;
            index = FaqIndex.Build(FaqEvaluation.Entries);
            for (var threshold = 0.3; threshold < 0.91; threshold += 0.05)
            {
                var swept = FaqEvaluation.Measure(index, questions, new FaqOptions { Threshold = threshold, Margin = margin, SuggestThreshold = 0.05 });
                output.WriteLine($"sweep {share} {unknown} threshold {threshold:0.00} margin {margin:0.00}: {swept}");
            }
        }

        Assert.True(figures.Precision >= 0.95, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.85, $"recall {figures.Recall:0.000}");
    }
}
