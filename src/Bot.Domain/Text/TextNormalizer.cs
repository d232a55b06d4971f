using System.Globalization;
using System.Text;

namespace Bot.Domain.Text;

/// <summary>
/// The one normalisation used wherever the bot compares text (rule keywords, duplicates, spam scoring, FAQ).
/// Per character: NFKC compatibility folding (full/half width, circled and mathematical letters, ligatures),
/// accents dropped, lower case, a few Cyrillic/Greek look-alikes folded to Latin, Traditional → Simplified.
/// Everything that is not a letter or digit (spaces, punctuation, symbols, emoji, zero-width and other
/// format characters) is stripped, so <c>賭 博</c>, <c>賭.博</c>, <c>賭&#x200B;博</c> and <c>b-e-t</c> fold to
/// <c>赌博</c> / <c>bet</c>. Where something was stripped is kept as a "gap" flag, which keyword matching uses
/// for Latin word boundaries; <see cref="NormalizedText"/> also maps each folded character back to the original.
/// </summary>
public static class TextNormalizer
{
    // Table values: a folded char, or one of two markers (both are never produced by folding).
    internal const char Strip = '\0';
    internal const char Expand = '\uFFFF';

    private static readonly char[] Fold = new char[65536];
    private static readonly Dictionary<char, string> Expansions = [];
    private static readonly bool[] NoSpaceScript = new bool[65536];

    // Letters that look Latin but are not: folded so that "саsinо" with Cyrillic letters reads as casino.
    private const string LookAlikes = "аaеeоoрpсcхxуyіiјjѕsһhԁdԛqԝwαaοoρpτtυuνvκkιiεe";

    static TextNormalizer()
    {
        var variants = ChineseVariants.Map;
        var looks = new Dictionary<char, char>();
        for (var i = 0; i < LookAlikes.Length; i += 2)
        {
            looks[LookAlikes[i]] = LookAlikes[i + 1];
        }

        var buffer = new StringBuilder();
        for (var c = 0; c < 65536; c++)
        {
            NoSpaceScript[c] = IsNoSpaceScript((char)c);
            if (char.IsSurrogate((char)c))
            {
                Fold[c] = Expand;
                continue;
            }

            // Unassigned code points and noncharacters cannot be normalised: stripped like symbols.
            if (CharUnicodeInfo.GetUnicodeCategory((char)c) == UnicodeCategory.OtherNotAssigned)
            {
                Fold[c] = Strip;
                continue;
            }

            buffer.Clear();
            foreach (var folded in FoldSlow(((char)c).ToString()))
            {
                var f = looks.GetValueOrDefault(folded, folded);
                buffer.Append(variants.GetValueOrDefault(f, f));
            }

            Fold[c] = buffer.Length switch
            {
                0 => Strip,
                1 when buffer[0] != Expand => buffer[0],
                _ => Expand,
            };
            if (Fold[c] == Expand)
            {
                Expansions[(char)c] = buffer.ToString();
            }
        }
    }

    /// <summary>The folded text with every gap removed: the form to store and compare (duplicates, FAQ keys).</summary>
    public static string Normalize(string text)
    {
        var result = new NormalizedText();
        Analyze(text, result);
        return result.Chars.ToString();
    }

    /// <summary>Folds <paramref name="text"/> into a new <see cref="NormalizedText"/>.</summary>
    public static NormalizedText Analyze(string text)
    {
        var result = new NormalizedText();
        Analyze(text, result);
        return result;
    }

    /// <summary>Folds <paramref name="text"/> into <paramref name="into"/>, reusing its buffers (the hot path allocates nothing).</summary>
    public static void Analyze(string text, NormalizedText into)
    {
        into.Reset(text, text.Length);
        var fold = Fold;
        var (chars, sources, gaps) = into.Buffers;
        var n = 0;
        var gap = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var f = fold[c];
            if (f == Expand)
            {
                into.Length = n;
                gap = AddExpansion(text, ref i, into, gap);
                n = into.Length;
                (chars, sources, gaps) = into.Buffers;
                continue;
            }

            // Written unconditionally and kept only for a real char: no branch to mispredict on mixed text.
            chars[n] = f;
            sources[n] = i;
            gaps[n] = gap;
            gap = f == Strip;
            n += gap ? 0 : 1;
        }

        into.Length = n;
        gaps[n] = gap;
    }

    /// <summary>One UTF-16 unit folded by the table: a char, <see cref="Strip"/>, or <see cref="Expand"/> (several chars, or a surrogate).</summary>
    internal static char FoldOf(char c) => Fold[c];

    /// <summary>True for scripts written without spaces between words (Han, kana, Hangul, Thai…): no word boundaries there.</summary>
    public static bool IsNoSpaceScript(char c) =>
        c is (>= '\u0E00' and <= '\u0EFF') or (>= '\u1000' and <= '\u109F') or (>= '\u1100' and <= '\u11FF')
            or (>= '\u1780' and <= '\u17FF') or (>= '\u2E80' and <= '\u2FFF') or (>= '\u3040' and <= '\u9FFF')
            or (>= '\uA000' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF')
            or (>= '\uFF66' and <= '\uFFDC') || char.IsSurrogate(c);

    /// <summary>A letter or digit of a script that separates words with spaces (Latin, Cyrillic, digits…).</summary>
    public static bool IsWordChar(char c) => !NoSpaceScript[c] && c != Strip;

    // Rare characters: multi-char compatibility forms (ﬁ, ㈱), and everything outside the BMP (emoji are
    // stripped; letters such as mathematical bold 𝐛 or CJK extension B are folded).
    private static bool AddExpansion(string text, ref int i, NormalizedText into, bool gap)
    {
        var c = text[i];
        string folded;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            var rune = new Rune(c, text[i + 1]);
            folded = Rune.IsLetterOrDigit(rune) ? new string([.. FoldSlow(text.Substring(i, 2))]) : string.Empty;
            i++;
        }
        else
        {
            folded = Expansions.GetValueOrDefault(c, string.Empty);
        }

        var source = char.IsLowSurrogate(text[i]) ? i - 1 : i;
        var kept = false;
        foreach (var f in folded)
        {
            var g = char.IsSurrogate(f) ? f : Fold[f];
            if (g is not Strip and not Expand)
            {
                into.Add(g, source, gap && !kept);
                kept = true;
            }
        }

        // Something stripped leaves a gap; something kept closes it.
        return !kept;
    }

    // The definition the table is built from: NFKD, drop combining marks, recompose, lower case, keep letters and digits.
    private static IEnumerable<char> FoldSlow(string s)
    {
        var decomposed = s.Normalize(NormalizationForm.FormKD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var d in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(d);
            if (category is not UnicodeCategory.NonSpacingMark and not UnicodeCategory.EnclosingMark)
            {
                kept.Append(d);
            }
        }

        var composed = kept.ToString().Normalize(NormalizationForm.FormC);
        for (var j = 0; j < composed.Length; j++)
        {
            if (char.IsSurrogate(composed[j]))
            {
                if (j + 1 < composed.Length && char.IsLetterOrDigit(composed, j))
                {
                    yield return composed[j];
                    yield return composed[j + 1];
                }

                j++;
                continue;
            }

            if (char.IsLetterOrDigit(composed[j]))
            {
                yield return char.ToLowerInvariant(composed[j]);
            }
        }
    }
}
