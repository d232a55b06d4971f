using Bot.Domain.Text;

namespace Bot.Domain.Moderation;

/// <summary>
/// Naive Bayes over the set of tokens in a message: Chinese (and other no-space scripts) as character bigrams,
/// Latin-script text as words, both after <see cref="TextNormalizer"/>, so 「加 微 信」 and 「加微信」 are the same evidence.
/// </summary>
public static class SpamClassifier
{
    private const int MaxTokens = 200;

    public static IReadOnlyCollection<string> Tokens(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in TextNormalizer.Analyze(text).Runs())
        {
            if (TextNormalizer.IsWordChar(run[0]))
            {
                tokens.Add(run);
                continue;
            }

            if (run.Length == 1)
            {
                tokens.Add(run);
            }

            for (var i = 0; i + 1 < run.Length; i++)
            {
                tokens.Add(run.Substring(i, 2));
            }
        }

        return tokens.Count <= MaxTokens ? tokens : [.. tokens.Take(MaxTokens)];
    }

    /// <summary>P(spam | tokens), with add-one smoothing; 0.5 when there is nothing to go on.</summary>
    public static double Score(SpamCounts counts, IReadOnlyCollection<string> tokens)
    {
        if (counts.SpamDocs == 0 || counts.HamDocs == 0 || tokens.Count == 0)
        {
            return 0.5;
        }

        var logOdds = Math.Log((double)counts.SpamDocs / counts.HamDocs);
        foreach (var token in tokens)
        {
            var (spam, ham) = counts.Tokens.GetValueOrDefault(token);
            logOdds += Math.Log((spam + 1.0) / (counts.SpamDocs + 2.0)) - Math.Log((ham + 1.0) / (counts.HamDocs + 2.0));
        }

        return 1.0 / (1.0 + Math.Exp(-logOdds));
    }
}
