using Bot.Domain.Faq;
using Xunit.Abstractions;

namespace Bot.Domain.Tests.Faq;

/// <summary>
/// The matcher on the labelled set. The held-out half's figures are the ones reported (docs/support.md defines them and
/// gives them before and after); the assertions hold the measured level, so a change that makes matching worse fails
/// and one that makes it better can raise them. The targets there: precision 0.95 (met) and recall 0.85 (met
/// when a "Did you mean…?" offer holding the right entry counts; recall of direct answers is about 0.55).
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
        Assert.True(figures.Recall >= 0.54, $"recall {figures.Recall:0.000}");
        Assert.True(figures.AnsweredOrOffered >= 0.93, $"answered or offered {figures.AnsweredOrOffered:0.000}");
        Assert.True(figures.NegativesOffered <= 0.63, $"negatives offered buttons {figures.NegativesOffered:0.000}");
    }

    /// <summary>What the settings were chosen on, listed question by question (with each match's coverage) for tuning.</summary>
    [Fact]
    public void Tune_half_is_listed_question_by_question()
    {
        var questions = FaqEvaluation.Questions("tune.tsv");
        var figures = FaqEvaluation.Measure(FaqIndex.Build(FaqEvaluation.Entries), questions, new FaqOptions(), output.WriteLine);

        output.WriteLine($"tune: {figures}");
        Assert.True(figures.Precision >= 0.96, $"precision {figures.Precision:0.000}");
        Assert.True(figures.Recall >= 0.76, $"recall {figures.Recall:0.000}");
        Assert.True(figures.AnsweredOrOffered >= 0.96, $"answered or offered {figures.AnsweredOrOffered:0.000}");
        Assert.True(figures.NegativesOffered <= 0.57, $"negatives offered buttons {figures.NegativesOffered:0.000}");
    }

    /// <summary>
    /// The shipped threshold and margin are the tune half's choice: of every pair on the grid, the highest recall with
    /// precision at least 0.96 (a little above the 0.95 target, for unseen questions' sake); among equals, the strictest.
    /// </summary>
    [Fact]
    public void Shipped_threshold_and_margin_are_the_tune_halfs_choice()
    {
        var index = FaqIndex.Build(FaqEvaluation.Entries);
        var questions = FaqEvaluation.Questions("tune.tsv");
        var best = (Recall: -1.0, Threshold: 0.0, Margin: 0.0);
        for (var margin = 0; margin <= 10; margin += 2)
        {
            for (var threshold = 50; threshold <= 95; threshold++)
            {
                var options = new FaqOptions { Threshold = threshold / 100.0, Margin = margin / 100.0 };
                var figures = FaqEvaluation.Measure(index, questions, options);
                if (figures.Precision >= 0.96 && (figures.Recall > best.Recall + 1e-9
                    || (Math.Abs(figures.Recall - best.Recall) < 1e-9 && (options.Threshold, options.Margin).CompareTo((best.Threshold, best.Margin)) > 0)))
                {
                    best = (figures.Recall, options.Threshold, options.Margin);
                }
            }
        }

        output.WriteLine($"tune's choice: threshold {best.Threshold}, margin {best.Margin}, recall {best.Recall:0.000}");
        var shipped = new FaqOptions();
        Assert.Equal((best.Threshold, best.Margin), (shipped.Threshold, shipped.Margin));
    }
}
