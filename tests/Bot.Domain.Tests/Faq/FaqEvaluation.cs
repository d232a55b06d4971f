using System.Globalization;
using Bot.Domain.Faq;

namespace Bot.Domain.Tests.Faq;

/// <summary>
/// The labelled evaluation set under <c>Faq/Data</c>: the entries, and questions labelled with the entry they should
/// get (0: none). <c>tune.tsv</c> is what settings were chosen on; <c>heldout.tsv</c> is only reported.
/// </summary>
public static class FaqEvaluation
{
    public static IReadOnlyList<FaqEntry> Entries { get; } = [.. Rows("entries.tsv").Select(r =>
        new FaqEntry(long.Parse(r[0], CultureInfo.InvariantCulture), r[1].Split(" | "), r[2], []))];

    public static IReadOnlyList<(long Expected, string Question)> Questions(string file) =>
        [.. Rows(file).Select(r => (long.Parse(r[0], CultureInfo.InvariantCulture), r[1]))];

    /// <summary>Precision over the questions answered ("Did you mean…?" is not an answer), recall over those that have an entry.</summary>
    public static Figures Measure(FaqIndex index, IEnumerable<(long Expected, string Question)> questions, FaqOptions options, Action<string>? log = null)
    {
        var (total, negatives, answered, correct, expected, offered, negativesOffered) = (0, 0, 0, 0, 0, 0, 0);
        foreach (var (want, question) in questions)
        {
            var match = index.Match(question, options);
            var got = match.Confident ? match.Best!.EntryId : 0;
            log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"{(got == want ? "ok  " : "MISS")} {want,2} → {got,2}  {match.Best?.Confidence ?? 0:0.00}/{match.Second?.Confidence ?? 0:0.00} #{match.Best?.EntryId} [{match.Best?.PhrasingCovered ?? 0:0.000} {match.Best?.QuestionCovered ?? 0:0.000} {match.Second?.Confidence ?? 0:0.000}]  {question}"));
            total++;
            negatives += want == 0 ? 1 : 0;
            expected += want != 0 ? 1 : 0;
            answered += got != 0 ? 1 : 0;
            correct += got != 0 && got == want ? 1 : 0;
            offered += want != 0 && (got == want || (got == 0 && match.Suggestions.Any(c => c.EntryId == want))) ? 1 : 0;
            negativesOffered += want == 0 && got == 0 && match.Unsure ? 1 : 0;
        }

        return new Figures(total, negatives, answered == 0 ? 0 : (double)correct / answered, expected == 0 ? 0 : (double)correct / expected,
            expected == 0 ? 0 : (double)offered / expected, negatives == 0 ? 0 : (double)negativesOffered / negatives);
    }

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Faq", "Data", file))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'));

    /// <summary><see cref="AnsweredOrOffered"/>: questions with an entry that got it as the answer or among "Did you mean…?" buttons.</summary>
    /// <summary><see cref="NegativesOffered"/>: questions with no entry that were not answered but got "Did you mean…?" buttons.</summary>
    public sealed record Figures(int Questions, int Negatives, double Precision, double Recall, double AnsweredOrOffered, double NegativesOffered)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Questions} questions ({Negatives} negatives): precision {Precision:0.000}, recall {Recall:0.000}, answered or offered {AnsweredOrOffered:0.000}, negatives offered buttons {NegativesOffered:0.000}");
    }
}
