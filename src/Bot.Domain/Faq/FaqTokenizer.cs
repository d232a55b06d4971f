using System.Text;
using Bot.Domain.Text;

namespace Bot.Domain.Faq;

/// <summary>
/// The FAQ's terms. The text is folded (width, case, Traditional → Simplified) and split into runs; a Chinese run is
/// cut into words (<see cref="FaqSegmenter"/>), an English word is stemmed (<see cref="FaqStemmer"/>). Synonyms and
/// abbreviations become their canonical term, and the words that frame a question (請問, 怎麼, how, do…) are dropped.
/// English gives its words; Chinese gives its words, its character bigrams (weaker where they cross two words) and
/// single characters (weaker still), so a wording cut differently or with a wrong character still meets.
/// </summary>
public static class FaqTokenizer
{
    /// <summary>A Chinese word of two or more characters, or an English word.</summary>
    public const double WordWeight = 1.0;

    /// <summary>A bigram inside a longer word ("用戶" in "核心用戶").</summary>
    public const double InnerBigramWeight = 0.7;

    /// <summary>A bigram across two words: often noise ("碼怎"), sometimes a word the list lacks.</summary>
    public const double CrossBigramWeight = 0.5;

    /// <summary>A one-character word ("退", "換").</summary>
    public const double SingleWeight = 0.6;

    /// <summary>Every other character: helps where a word was cut differently or mistyped, but says much less.</summary>
    public const double UnigramWeight = 0.3;

    public static IReadOnlyList<FaqTerm> Terms(string text) => Terms(text, FaqLexicon.Shipped);

    public static IReadOnlyList<FaqTerm> Terms(string text, FaqLexicon lexicon)
    {
        var terms = new List<FaqTerm>();
        var words = new List<string>();
        foreach (var piece in Pieces(text, lexicon))
        {
            if (piece.Kind == PieceKind.Latin)
            {
                terms.Add(new FaqTerm(piece.Text, WordWeight));
            }
            else if (piece.Kind == PieceKind.Cjk)
            {
                words.Add(piece.Text);
                continue;
            }

            AddChinese(words, terms);
        }

        AddChinese(words, terms);
        return terms.AsReadOnly();
    }

    /// <summary>Folded form of a word or phrase, as synonym keys are stored: Chinese characters, stemmed English words between spaces.</summary>
    public static string Fold(string text, bool stem = true)
    {
        var folded = new StringBuilder();
        var cjk = false;
        foreach (var run in Runs(text))
        {
            var isCjk = IsCjk(run[0]);
            if (folded.Length > 0 && !(isCjk && cjk))
            {
                folded.Append(' ');
            }

            folded.Append(isCjk || !stem ? run : FaqStemmer.Stem(run));
            cjk = isCjk;
        }

        return folded.ToString();
    }

    // A run of Chinese words between frame words: words, then bigrams and characters over the whole run.
    private static void AddChinese(List<string> words, List<FaqTerm> terms)
    {
        if (words.Count == 0)
        {
            return;
        }

        for (var w = 0; w < words.Count; w++)
        {
            var word = words[w];
            terms.Add(new FaqTerm(word, word.Length == 1 ? SingleWeight : WordWeight));
            for (var i = 0; word.Length > 2 && i + 1 < word.Length; i++)
            {
                terms.Add(new FaqTerm(word.Substring(i, 2), InnerBigramWeight));
            }

            for (var i = 0; word.Length > 1 && i < word.Length; i++)
            {
                terms.Add(new FaqTerm(word[i].ToString(), UnigramWeight));
            }

            if (w + 1 < words.Count)
            {
                terms.Add(new FaqTerm(string.Concat(word.AsSpan(word.Length - 1), words[w + 1].AsSpan(0, 1)), CrossBigramWeight));
            }
        }

        words.Clear();
    }

    /// <summary>Words after segmentation, synonyms and stop words; a break where a frame word or punctuation was.</summary>
    internal static List<Piece> Pieces(string text, FaqLexicon lexicon)
    {
        // English words stay adjacent across spaces, so a phrase ("two factor") can be a synonym key.
        var raw = new List<Piece>();
        foreach (var run in Runs(text))
        {
            if (raw.Count > 0 && (IsCjk(run[0]) || raw[^1].Kind != PieceKind.Latin))
            {
                raw.Add(Piece.Break);
            }

            if (IsCjk(run[0]))
            {
                raw.AddRange(FaqSegmenter.Segment(run, lexicon).Select(w => new Piece(w, w, PieceKind.Cjk)));
            }
            else if (run == "t" && raw.Count > 0 && raw[^1].Kind == PieceKind.Latin)
            {
                // "can't", "didn't": the apostrophe split the word; rejoined, it is a stop word or part of a phrase.
                var joined = raw[^1].Raw + run;
                raw[^1] = new Piece(FaqStemmer.Stem(joined), joined, PieceKind.Latin);
            }
            else
            {
                raw.Add(new Piece(FaqStemmer.Stem(run), run, PieceKind.Latin));
            }
        }

        var pieces = new List<Piece>(raw.Count);
        for (var i = 0; i < raw.Count;)
        {
            var taken = Synonym(raw, i, lexicon, pieces);
            if (taken == 0)
            {
                pieces.Add(raw[i]);
                taken = 1;
            }

            i += taken;
        }

        for (var i = pieces.Count - 1; i >= 0; i--)
        {
            var piece = pieces[i];
            if (piece.Kind == PieceKind.Break || !lexicon.IsStopWord(piece.Raw))
            {
                continue;
            }

            if (piece.Kind == PieceKind.Cjk)
            {
                pieces[i] = Piece.Break;
            }
            else
            {
                pieces.RemoveAt(i);
            }
        }

        pieces.RemoveAll(p => p.Kind == PieceKind.Latin && p.Text.Length < 2);
        return pieces;
    }

    // The longest run of up to three words at i that is a synonym key, replaced by its canonical term's pieces.
    private static int Synonym(List<Piece> raw, int at, FaqLexicon lexicon, List<Piece> into)
    {
        var kind = raw[at].Kind;
        if (kind == PieceKind.Break)
        {
            return 0;
        }

        var count = 1;
        while (count < FaqLexicon.LongestPhrase && at + count < raw.Count && raw[at + count].Kind == kind)
        {
            count++;
        }

        for (; count > 0; count--)
        {
            var key = string.Join(kind == PieceKind.Cjk ? string.Empty : " ", raw.Skip(at).Take(count).Select(p => p.Text));
            if (lexicon.Canonical(key) is not { } canonical)
            {
                continue;
            }

            foreach (var word in canonical.Split(' '))
            {
                into.Add(new Piece(word, word, IsCjk(word[0]) ? PieceKind.Cjk : PieceKind.Latin));
            }

            return count;
        }

        return 0;
    }

    /// <summary>
    /// Folded runs: each character folded by the shared <see cref="TextNormalizer"/> (width, case, Traditional →
    /// Simplified), split at anything that is not a letter or digit and where Chinese meets other scripts.
    /// </summary>
    internal static IEnumerable<string> Runs(string text)
    {
        var run = new StringBuilder();
        var cjk = false;
        foreach (var c in text)
        {
            var folded = char.IsLetterOrDigit(c) ? TextNormalizer.FoldOf(c) : TextNormalizer.Strip;
            if (folded == TextNormalizer.Expand)
            {
                var expanded = TextNormalizer.Normalize(c.ToString());
                folded = expanded.Length == 1 ? expanded[0] : TextNormalizer.Strip;
            }

            if (folded == TextNormalizer.Strip || !char.IsLetterOrDigit(folded) || (run.Length > 0 && IsCjk(folded) != cjk))
            {
                if (run.Length > 0)
                {
                    yield return run.ToString();
                    run.Clear();
                }

                if (folded == TextNormalizer.Strip || !char.IsLetterOrDigit(folded))
                {
                    continue;
                }
            }

            cjk = IsCjk(folded);
            run.Append(folded);
        }

        if (run.Length > 0)
        {
            yield return run.ToString();
        }
    }

    /// <summary>Han, kana and Hangul: scripts written without spaces, matched by words and character n-grams.</summary>
    internal static bool IsCjk(char c) =>
        c is (>= '\u2E80' and <= '\u2FFF') or (>= '\u3040' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');

    internal enum PieceKind
    {
        Cjk,
        Latin,
        Break,
    }

    /// <summary>A word as matched (<see cref="Text"/>: stemmed or canonical) and as written, folded (<see cref="Raw"/>).</summary>
    internal readonly record struct Piece(string Text, string Raw, PieceKind Kind)
    {
        public static readonly Piece Break = new(string.Empty, string.Empty, PieceKind.Break);
    }
}

/// <summary>One matching term and its weight in scoring.</summary>
public readonly record struct FaqTerm(string Text, double Weight);
