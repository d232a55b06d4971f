using System.Text;

namespace Bot.Domain.Tiering;

/// <summary>Whether a message earns activity points: long enough, not a repeat, not within the cooldown.</summary>
public static class MessageScoring
{
    /// <summary>
    /// Words in a message, CJK-aware: each Han, kana or Hangul character counts as a word (Chinese has no
    /// spaces), other text counts by runs of letters and digits. Mentions and links count for nothing.
    /// </summary>
    public static int Words(string text)
    {
        var words = 0;
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith('@') || token.StartsWith('<') || token.Contains("://", StringComparison.Ordinal))
            {
                continue;
            }

            var inWord = false;
            foreach (var rune in token.EnumerateRunes())
            {
                if (IsCjk(rune))
                {
                    words++;
                    inWord = false;
                }
                else if (Rune.IsLetterOrDigit(rune))
                {
                    words += inWord ? 0 : 1;
                    inWord = true;
                }
                else
                {
                    inWord = false;
                }
            }
        }

        return words;
    }

    /// <summary>A stable 64-bit FNV-1a fingerprint of the text, case and spacing ignored, to spot repeats.</summary>
    public static long Fingerprint(string text)
    {
        const ulong prime = 1099511628211;
        var hash = 14695981039346656037;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            hash = (hash ^ (ulong)Rune.ToLowerInvariant(rune).Value) * prime;
        }

        return unchecked((long)hash);
    }

    public static bool Earns(TierStanding? standing, string text, DateTimeOffset at, TieringOptions options)
    {
        if (Words(text) < options.MinMessageWords)
        {
            return false;
        }

        if (standing?.LastMessageAt is { } last && at - last < options.MessageCooldown)
        {
            return false;
        }

        return standing?.LastMessageHash != Fingerprint(text);
    }

    private static bool IsCjk(Rune rune)
    {
        var v = rune.Value;
        return v is (>= 0x3040 and <= 0x30FF) // hiragana, katakana
            or (>= 0x3400 and <= 0x4DBF) // CJK extension A
            or (>= 0x4E00 and <= 0x9FFF) // CJK unified ideographs
            or (>= 0xAC00 and <= 0xD7AF) // Hangul syllables
            or (>= 0xF900 and <= 0xFAFF) // CJK compatibility ideographs
            or (>= 0x3100 and <= 0x312F) // bopomofo
            or (>= 0x20000 and <= 0x3134F); // CJK extensions B–G
    }
}
