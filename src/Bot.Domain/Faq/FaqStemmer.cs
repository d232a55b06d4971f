namespace Bot.Domain.Faq;

/// <summary>
/// A light English stemmer: plural, past and -ing endings come off, a doubled last consonant is undoubled and a
/// final e dropped, so "invite", "invites", "inviting" and "invited" meet, as do "ship", "shipped" and "shipping".
/// Questions and phrasings both go through it, so a stem need not be a word.
/// </summary>
public static class FaqStemmer
{
    // Common irregular past forms, read as their verb ("paid" meets "pay", "bought" meets "buy").
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["paid"] = "pay", ["bought"] = "buy", ["sent"] = "send", ["won"] = "win", ["got"] = "get", ["gotten"] = "get",
        ["came"] = "come", ["gave"] = "give", ["given"] = "give", ["took"] = "take", ["taken"] = "take", ["made"] = "make",
        ["lost"] = "lose", ["broke"] = "break", ["broken"] = "break", ["chose"] = "choose", ["chosen"] = "choose",
        ["wrote"] = "write", ["written"] = "write", ["told"] = "tell", ["said"] = "say", ["went"] = "go", ["gone"] = "go",
        ["left"] = "leave", ["kept"] = "keep", ["found"] = "find", ["thought"] = "think", ["forgot"] = "forget",
        ["forgotten"] = "forget", ["spent"] = "spend", ["sold"] = "sell", ["saw"] = "see", ["seen"] = "see", ["knew"] = "know",
        ["stolen"] = "steal", ["stole"] = "steal", ["began"] = "begin", ["begun"] = "begin", ["ran"] = "run",
    };

    public static string Stem(string word)
    {
        if (Irregular.TryGetValue(word, out var verb))
        {
            word = verb;
        }

        if (word.Length < 4 || !IsLetters(word))
        {
            return word;
        }

        var stem = word switch
        {
            _ when word.EndsWith("sses", StringComparison.Ordinal) => word[..^2],
            _ when word.EndsWith("ies", StringComparison.Ordinal) || word.EndsWith("ied", StringComparison.Ordinal) => word[..^3] + "y",
            _ when word.EndsWith("ing", StringComparison.Ordinal) => Verb(word, 3),
            _ when word.EndsWith("ed", StringComparison.Ordinal) => Verb(word, 2),
            _ when word.EndsWith("ly", StringComparison.Ordinal) && word.Length > 5 => word[..^2],
            _ when word.EndsWith("ment", StringComparison.Ordinal) && word.Length > 7 => word[..^4],
            _ when word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
                && !word.EndsWith("is", StringComparison.Ordinal) => word[..^1],
            _ => word,
        };
        return stem.Length > 3 && stem[^1] == 'e' ? stem[..^1] : stem;
    }

    // "shipped" → "ship", "using" → "use"; a stem with no vowel ("sing", "bed") was no ending at all.
    private static string Verb(string word, int ending)
    {
        var stem = word[..^ending];
        if (!stem.Any(IsVowel))
        {
            return word;
        }

        if (stem.Length == 2)
        {
            return stem + "e";
        }

        return stem.Length > 3 && stem[^1] == stem[^2] && !IsVowel(stem[^1]) && stem[^1] is not ('l' or 's' or 'z') ? stem[..^1] : stem;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    private static bool IsLetters(string word)
    {
        foreach (var c in word)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
