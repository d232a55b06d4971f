using System.Globalization;
using System.Text;

namespace Bot.Domain.Faq;

/// <summary>
/// The FAQ's terms: the text is normalised and split into runs (Latin words one by one, CJK runs whole);
/// a CJK run gives its character bigrams and unigrams, a Latin run is one word. Common English function
/// words and single letters carry no meaning for matching and are dropped.
/// </summary>
public static class FaqTokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "is", "are", "am", "was", "be", "to", "of", "in", "on", "for", "and", "or", "it",
        "i", "me", "my", "you", "your", "we", "our", "this", "that", "there", "here", "please", "hi", "hello", "thanks",
        "how", "what", "whats", "when", "where", "why", "who", "which", "do", "does", "did", "can", "could", "should",
        "would", "will", "anyone", "someone", "any", "have", "has", "with", "about",
    };

    // The frame of a Chinese question, not its topic (Traditional and Simplified): a CJK run is cut at these,
    // so "忘記密碼怎麼辦" is matched on 忘記密碼 and the bigrams across the frame ("碼怎") do not add noise.
    private static readonly string[] CjkFrame =
    [
        "為什麼", "为什么", "可不可以", "能不能", "有沒有", "有没有", "是不是", "請問", "请问", "怎麼", "怎么", "怎樣", "怎样",
        "如何", "什麼", "什么", "哪裡", "哪里", "哪些", "可以", "大家", "一下", "嗎", "吗", "呢", "吧", "啊", "的", "了", "我", "你",
    ];

    /// <summary>Single CJK characters help where a bigram was split differently, but say much less than a bigram.</summary>
    public const double UnigramWeight = 0.3;

    public static IReadOnlyList<FaqTerm> Terms(string text)
    {
        var terms = new List<FaqTerm>();
        foreach (var run in Runs(text))
        {
            if (!IsCjk(run[0]))
            {
                if (run.Length > 1 && !StopWords.Contains(run))
                {
                    terms.Add(new FaqTerm(Stem(run), 1.0));
                }

                continue;
            }

            foreach (var segment in Segments(run))
            {
                for (var i = 0; i < segment.Length; i++)
                {
                    terms.Add(new FaqTerm(segment[i].ToString(), UnigramWeight));
                    if (i + 1 < segment.Length)
                    {
                        terms.Add(new FaqTerm(segment.Substring(i, 2), 1.0));
                    }
                }
            }
        }

        return terms;
    }

    /// <summary>A CJK run cut at the question frame.</summary>
    internal static IEnumerable<string> Segments(string run)
    {
        var start = 0;
        var i = 0;
        while (i < run.Length)
        {
            var frame = FrameAt(run, i);
            if (frame is null)
            {
                i++;
                continue;
            }

            if (i > start)
            {
                yield return run[start..i];
            }

            i += frame.Length;
            start = i;
        }

        if (run.Length > start)
        {
            yield return run[start..];
        }
    }

    private static string? FrameAt(string run, int at)
    {
        foreach (var frame in CjkFrame)
        {
            if (run.AsSpan(at).StartsWith(frame, StringComparison.Ordinal))
            {
                return frame;
            }
        }

        return null;
    }

    /// <summary>
    /// A light English suffix strip so that "invite", "inviting" and "invited" or "reward" and "rewards" meet;
    /// both sides go through it, so the stems need not be words.
    /// </summary>
    internal static string Stem(string word)
    {
        if (word.Length < 4 || !char.IsAsciiLetter(word[^1]))
        {
            return word;
        }

        var stem = word switch
        {
            _ when word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5 => word[..^3],
            _ when word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4 => word[..^2],
            _ when word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4 => word[..^2],
            _ when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) => word[..^1],
            _ => word,
        };
        return stem.Length > 3 && stem.EndsWith('e') ? stem[..^1] : stem;
    }

    /// <summary>
    /// Normalised runs: each character folded by the shared <see cref="Text.TextNormalizer"/> (width, case,
    /// Traditional → Simplified), split at anything that is not a letter or digit and where CJK meets other scripts.
    /// </summary>
    internal static IEnumerable<string> Runs(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            folded.Append(char.IsLetterOrDigit(c) ? Text.TextNormalizer.Normalize(c.ToString()) : " ");
        }

        var run = new StringBuilder();
        var cjk = false;
        foreach (var c in folded.ToString())
        {
            if (!char.IsLetterOrDigit(c) || (run.Length > 0 && IsCjk(c) != cjk))
            {
                if (run.Length > 0)
                {
                    yield return run.ToString();
                    run.Clear();
                }

                if (!char.IsLetterOrDigit(c))
                {
                    continue;
                }
            }

            cjk = IsCjk(c);
            run.Append(c);
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    /// <summary>Han, kana and Hangul: scripts written without spaces, matched by character n-grams.</summary>
    internal static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u2FFF') or (>= '\u3040' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');
}

/// <summary>One matching term and its weight in scoring.</summary>
public readonly record struct FaqTerm(string Text, double Weight);
