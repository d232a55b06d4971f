using Bot.Domain.Faq;
using Xunit.Abstractions;

namespace Bot.Domain.Tests.Faq;

/// <summary>
/// The matcher on the labelled set. The held-out half's figures are the ones reported; the targets are
/// precision 0.95 and recall 0.85 there, which this matcher does not reach (docs/support.md gives the figures), so the
/// assertions hold the measured level: a change that makes matching worse fails, one that makes it better can raise them.
/// </summary>
public sealed class FaqQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Held_out_half_keeps_its_measured_precision_and_recall()
    {
        var questions = FaqEvaluation.Questions("heldout.tsv");
        var figures = FaqEvaluation.Measure(FaqIndex.Build(FaqEvaluation.Entries), questions, new FaqOptions());

        output.WriteLine($"held-out: {figures}");
        Assert.True(FaqEvaluation.Entries.Count >= 40 && questions.Count >= 200 && figures.Negatives >= 0.3 * questions.Count);
        Assert.True(figures.Precision >= 0.9, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.45, $"recall {figures.Recall:0.000}");
    }

    /// <summary>What the settings were chosen on, listed question by question (with each match's coverage) for tuning.</summary>
    [Fact]
    public void Tune_half_is_listed_question_by_question()
    {
        var questions = FaqEvaluation.Questions("tune.tsv");
        var figures = FaqEvaluation.Measure(FaqIndex.Build(FaqEvaluation.Entries), questions, new FaqOptions(), output.WriteLine);

        output.WriteLine($"tune: {figures}");
        Assert.True(figures.Precision >= 0.93, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.62, $"recall {figures.Recall:0.000}");
    }
}
