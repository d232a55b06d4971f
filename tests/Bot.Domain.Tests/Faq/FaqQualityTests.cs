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

    /// <summary>What the settings were chosen on, listed question by question (with each match's coverage) for tuning.</summary>
    [Fact]
    public void Tune_half_is_listed_question_by_question()
    {
        var questions = FaqEvaluation.Questions("tune.tsv");
        var figures = FaqEvaluation.Measure(FaqIndex.Build(FaqEvaluation.Entries), questions, new FaqOptions(), output.WriteLine);

        output.WriteLine($"tune: {figures}");
        Assert.True(figures.Precision >= 0.95, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.8, $"recall {figures.Recall:0.000}");
    }
}
