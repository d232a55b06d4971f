using Bot.Domain.Faq;
using Xunit.Abstractions;

namespace Bot.Domain.Tests.Faq;

/// <summary>
/// The matcher on the labelled set. The held-out half's figures are the ones reported (docs/support.md defines them and
/// gives them before and after); the assertions hold the measured level, so a change that makes matching worse fails
/// and one that makes it better can raise them. The targets there: precision 0.95 (met) and recall 0.85 (met
/// when a "Did you mean…?" offer holding the right entry counts; recall of direct answers is about 0.52).
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
        Assert.True(figures.Precision >= 0.96, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.51, $"recall {figures.Recall:0.000}");
        Assert.True(figures.AnsweredOrOffered >= 0.90, $"answered or offered {figures.AnsweredOrOffered:0.000}");
        Assert.True(figures.NegativesOffered <= 0.55, $"negatives offered buttons {figures.NegativesOffered:0.000}");
    }

    /// <summary>What the settings were chosen on, listed question by question (with each match's coverage) for tuning.</summary>
    [Fact]
    public void Tune_half_is_listed_question_by_question()
    {
        var questions = FaqEvaluation.Questions("tune.tsv");
        var figures = FaqEvaluation.Measure(FaqIndex.Build(FaqEvaluation.Entries), questions, new FaqOptions(), output.WriteLine);

        output.WriteLine($"tune: {figures}");
        Assert.True(figures.Precision >= 0.96, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.71, $"recall {figures.Recall:0.000}");
        Assert.True(figures.AnsweredOrOffered >= 0.91, $"answered or offered {figures.AnsweredOrOffered:0.000}");
        Assert.True(figures.NegativesOffered <= 0.56, $"negatives offered buttons {figures.NegativesOffered:0.000}");
    }
}
