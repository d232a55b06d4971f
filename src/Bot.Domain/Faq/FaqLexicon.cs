using System.Reflection;
using System.Text;

namespace Bot.Domain.Faq;

/// <summary>
/// What the FAQ knows about words: Chinese words and how common they are (to segment a question into words),
/// the words that frame a question rather than name its topic, and synonyms and abbreviations read as one
/// canonical term. The shipped lexicon is data under <c>Faq/Data</c>; <see cref="With"/> lays a community's own
/// synonyms over it without copying the word list. Every key is in folded form (<see cref="FaqTokenizer.Fold"/>):
/// a Chinese key is its folded characters, an English key its stemmed words joined by a space.
/// </summary>
public sealed class FaqLexicon
{
    /// <summary>Synonym keys are at most this many words long.</summary>
    public const int LongestPhrase = 3;

    private readonly Dictionary<string, double> _words;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _wordLookup;
    private readonly Dictionary<string, string> _synonyms;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _synonymLookup;
    private readonly HashSet<string> _stopWords;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopLookup;
    private readonly HashSet<string> _commonEnglish;

    private FaqLexicon(Dictionary<string, double> words, Dictionary<string, string> synonyms, HashSet<string> stopWords, HashSet<string> commonEnglish, double unknownCost, int longestWord)
    {
        (_words, _synonyms, _stopWords, _commonEnglish) = (words, synonyms, stopWords, commonEnglish);
        _wordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _synonymLookup = synonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        _stopLookup = stopWords.GetAlternateLookup<ReadOnlySpan<char>>();
        UnknownCost = unknownCost;
        LongestWord = longestWord;
    }

    public static FaqLexicon Shipped { get; } = Load();

    /// <summary>The log-probability of a character the word list does not know, as a word of its own.</summary>
    public double UnknownCost { get; }

    /// <summary>The longest Chinese word, in characters.</summary>
    public int LongestWord { get; }

    public int SynonymCount => _synonyms.Count;

    /// <summary>Every synonym key with its canonical term.</summary>
    public IReadOnlyDictionary<string, string> Synonyms => _synonyms;

    /// <summary>The log-probability of a Chinese word, or null when the list lacks it.</summary>
    public double? WordCost(ReadOnlySpan<char> word) => _wordLookup.TryGetValue(word, out var cost) ? cost : null;

    public bool IsStopWord(ReadOnlySpan<char> word) => _stopLookup.Contains(word);

    /// <summary>An everyday English word (stemmed) that seldom names a question's topic.</summary>
    public bool IsCommonEnglish(string stem) => _commonEnglish.Contains(stem);

    /// <summary>The canonical form of a folded key, or null when it has none.</summary>
    public string? Canonical(ReadOnlySpan<char> key) => _synonymLookup.TryGetValue(key, out var canonical) ? canonical : null;

    /// <summary>
    /// This lexicon with a community's synonyms (folded word → folded canonical) laid over it. A canonical that is
    /// itself a synonym reads through to its own canonical, so "重新設定 → 重設" meets the shipped "重設 → 重置".
    /// The word list is copied only when a synonym adds a Chinese word it lacks.
    /// </summary>
    public FaqLexicon With(IReadOnlyList<FaqSynonym> synonyms)
    {
        if (synonyms.Count == 0)
        {
            return this;
        }

        var map = new Dictionary<string, string>(_synonyms, StringComparer.Ordinal);
        var words = _words;
        foreach (var synonym in synonyms)
        {
            var (key, canonical) = (FaqTokenizer.Fold(synonym.Word), FaqTokenizer.Fold(synonym.Canonical));
            if (key.Length == 0 || canonical.Length == 0 || key == canonical)
            {
                continue;
            }

            map[key] = Canonical(canonical) ?? canonical;
            if (FaqTokenizer.IsCjk(key[0]) && !words.ContainsKey(key))
            {
                words = ReferenceEquals(words, _words) ? new Dictionary<string, double>(_words, StringComparer.Ordinal) : words;
                words[key] = SynonymCost;
            }
        }

        var longest = Math.Max(LongestWord, map.Keys.Where(k => FaqTokenizer.IsCjk(k[0])).Select(k => k.Length).DefaultIfEmpty(0).Max());
        return new FaqLexicon(words, map, _stopWords, _commonEnglish, UnknownCost, longest);
    }

    // A synonym the word list lacks segments as a common word, so that it is found whole.
    private const double SynonymCost = -9.0;

    private static FaqLexicon Load()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Lines("chinese-words.txt"))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var word = FaqTokenizer.Fold(line[..space]);
            if (word.Length > 0)
            {
                counts[word] = counts.GetValueOrDefault(word) + long.Parse(line.AsSpan(space + 1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        double total = counts.Values.Sum();
        var words = counts.ToDictionary(p => p.Key, p => Math.Log(p.Value / total), StringComparer.Ordinal);

        var stopWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines("stopwords.txt"))
        {
            stopWords.UnionWith(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => FaqTokenizer.Fold(w, stem: false)).Where(w => w.Length > 0));
        }

        var common = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines("english-common.txt"))
        {
            common.UnionWith(line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => FaqTokenizer.Fold(w)).Where(w => w.Length > 0));
        }

        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines("synonyms.txt"))
        {
            var group = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(w => FaqTokenizer.Fold(w)).ToList();
            foreach (var word in group.Skip(1).Where(w => w.Length > 0 && w != group[0]))
            {
                synonyms[word] = group[0];
                if (FaqTokenizer.IsCjk(word[0]))
                {
                    words.TryAdd(word, SynonymCost);
                }
            }

            if (FaqTokenizer.IsCjk(group[0][0]))
            {
                words.TryAdd(group[0], SynonymCost);
            }
        }

        // An unknown character costs a little more than the rarest listed word, so known words win.
        var unknown = Math.Log(1 / total) - 1;
        var longest = words.Keys.Max(w => w.Length);
        return new FaqLexicon(words, synonyms, stopWords, common, unknown, longest);
    }

    private static IEnumerable<string> Lines(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bot.Domain.Faq.Data." + name)
            ?? throw new InvalidOperationException($"The FAQ data file {name} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line;
            }
        }
    }
}

/// <summary>A community's synonym: <see cref="Word"/> is read as <see cref="Canonical"/>.</summary>
public sealed record FaqSynonym(string Word, string Canonical);
