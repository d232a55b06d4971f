namespace Bot.Domain.Faq;

/// <summary>
/// English words one typo from a known word ("pasword", "refudn", "shiping"): every known word of four letters or
/// more is listed under itself and each form with one letter deleted; a question's word is looked up the same way,
/// which finds one insertion, deletion, substitution or swap of neighbours. The most common neighbour wins.
/// </summary>
public sealed class FaqSpelling
{
    // Known words from four letters; a question's word from five, since at four one substitution turns "shop" into "ship".
    private const int ShortestKnown = 4;
    private const int ShortestTypo = 5;

    private readonly Dictionary<string, string> _neighbours = new(StringComparer.Ordinal);

    /// <summary>Known words, each with the term it is read as (itself, or a synonym's canonical term).</summary>
    public FaqSpelling(IEnumerable<(string Word, string Term)> words)
    {
        // Shorter stems first: where two known words share a deletion, the one seen first is kept.
        foreach (var (word, term) in words.Where(w => IsWord(w.Word, ShortestKnown)).OrderBy(w => w.Word.Length).ThenBy(w => w.Word, StringComparer.Ordinal))
        {
            _neighbours.TryAdd(word, term);
            foreach (var deleted in Deletions(word))
            {
                _neighbours.TryAdd(deleted, term);
            }
        }
    }

    /// <summary>The term of the known word <paramref name="word"/> is a typo of, or null.</summary>
    public string? Correct(string word)
    {
        if (!IsWord(word, ShortestTypo))
        {
            return null;
        }

        if (_neighbours.TryGetValue(word, out var known))
        {
            return known;
        }

        foreach (var deleted in Deletions(word))
        {
            if (_neighbours.TryGetValue(deleted, out known))
            {
                return known;
            }
        }

        return null;
    }

    private static IEnumerable<string> Deletions(string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            yield return string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
        }
    }

    private static bool IsWord(string word, int shortest) => word.Length >= shortest && word.All(char.IsAsciiLetterLower);
}
