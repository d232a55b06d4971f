namespace Bot.Domain.Faq;

/// <summary>
/// A ranked entry: its best-matching phrasing's confidence in [0, 1], and what it was made of: the share of the
/// phrasing's terms the question has, and of the question's terms the phrasing has (each weighted by IDF).
/// </summary>
public sealed record FaqCandidate(long EntryId, string Phrasing, double Confidence)
{
    public double PhrasingCovered { get; init; }

    public double QuestionCovered { get; init; }
}

/// <summary>
/// The best and the runner-up entry for a question. <see cref="Confident"/>: the bot answers. <see cref="Unsure"/>:
/// not confident, but close enough to ask "Did you mean…?" with <see cref="Suggestions"/>.
/// </summary>
public sealed record FaqMatch(FaqCandidate? Best, FaqCandidate? Second, bool Confident, bool Unsure = false)
{
    public IReadOnlyList<FaqCandidate> Suggestions { get; init; } = [];
}

/// <summary>
/// Every phrasing of every entry is a document; an entry scores as its best phrasing. Terms weigh by their BM25
/// inverse document frequency (rare terms say more) times their kind's weight (<see cref="FaqTokenizer"/>). The
/// confidence is the IDF mass the question and the phrasing share, divided by a weighted geometric mean of each
/// one's own mass: 1 for the same wording, falling when the question carries words the phrasing lacks (another
/// topic) or the phrasing has words the question lacks (a different, more specific question). A word no phrasing
/// contains counts, on the question's side, as a share of the highest IDF; an English word one typo away from a
/// known one counts as that word, a little weaker. Members' verdicts on an entry scale its confidence
/// (<see cref="FaqEntryWeight"/>).
/// </summary>
public sealed class FaqIndex
{
    // How much covering the phrasing counts against covering the question. Chosen on the tune half of the labelled
    // set: a question that adds a topic to an entry's ("退款的運費誰出") is the commonest wrong answer, so covering
    // the question counts most.
    private const double DocumentShare = 0.2;

    // A word no phrasing has weighs more than the rarest known word: it is most often another topic.
    private const double UnknownShare = 1.3;

    // Log-probabilities of a common and a rare Chinese word (the word list's scale), and what a common one counts for.
    private const double CommonWord = 7;
    private const double RareWord = 14;
    private const double CommonShare = 0.2;

    // A misspelt word found by its neighbour counts for this much of it.
    private const double TypoWeight = 0.8;

    private readonly List<Document> _documents = [];
    private readonly Dictionary<string, List<(int Document, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly FaqSpelling _spelling;
    private readonly Dictionary<long, double> _weights = [];
    private readonly double _unknownIdf;

    private FaqIndex(IEnumerable<FaqEntry> entries, FaqLexicon lexicon)
    {
        Lexicon = lexicon;
        foreach (var entry in entries)
        {
            _weights[entry.Id] = FaqEntryWeight.Of(entry);
            foreach (var question in entry.Questions)
            {
                var terms = Unique(FaqTokenizer.Terms(question, lexicon));
                if (terms.Count == 0)
                {
                    continue;
                }

                foreach (var (text, term) in terms)
                {
                    if (!_postings.TryGetValue(text, out var list))
                    {
                        _postings[text] = list = [];
                    }

                    list.Add((_documents.Count, term.Count));
                }

                _documents.Add(new Document(entry.Id, question, terms));
            }
        }

        _spelling = new FaqSpelling(_postings.Keys);
        _unknownIdf = UnknownShare * Idf(string.Empty);
        foreach (var document in _documents)
        {
            document.Mass = document.Terms.Sum(t => t.Value.Weight * Idf(t.Key));
        }
    }

    public static FaqIndex Empty { get; } = new([], FaqLexicon.Shipped);

    public int Count => _documents.Count;

    public FaqLexicon Lexicon { get; }

    public static FaqIndex Build(IEnumerable<FaqEntry> entries, FaqLexicon? lexicon = null) => new(entries, lexicon ?? FaqLexicon.Shipped);

    /// <summary>
    /// Answers only when the best entry reaches the threshold and leads the runner-up by the margin; short of that,
    /// an entry at or above the suggestion threshold is offered ("Did you mean…?") with the runner-up if it is too.
    /// </summary>
    public FaqMatch Match(string question, FaqOptions options)
    {
        var ranked = Rank(question, 2);
        var best = ranked.Count > 0 ? ranked[0] : null;
        var second = ranked.Count > 1 ? ranked[1] : null;
        var confident = best is not null && best.Confidence >= options.Threshold && best.Confidence - (second?.Confidence ?? 0) >= options.Margin;
        var unsure = !confident && best is not null && best.Confidence >= options.SuggestThreshold;
        return new FaqMatch(best, second, confident, unsure)
        {
            Suggestions = unsure ? [.. ranked.Where(c => c.Confidence >= options.SuggestThreshold)] : [],
        };
    }

    /// <summary>Entries by confidence, best first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<FaqCandidate> Rank(string question, int limit)
    {
        var query = Unique(FaqTokenizer.Terms(question, Lexicon));
        if (query.Count == 0 || _documents.Count == 0)
        {
            return [];
        }

        // Only phrasings sharing a term with the question can score: walk the postings, not every phrasing.
        var queryMass = 0.0;
        var shared = new Dictionary<int, double>();
        foreach (var (written, term) in query)
        {
            var (text, weight) = (written, term.Weight);
            if (!_postings.ContainsKey(text) && _spelling.Correct(text) is { } corrected)
            {
                (text, weight) = (corrected, weight * TypoWeight);
            }

            if (!_postings.TryGetValue(text, out var postings))
            {
                queryMass += weight * _unknownIdf * Rarity(text);
                continue;
            }

            var idf = Idf(text);
            queryMass += weight * idf;
            foreach (var (document, _) in postings)
            {
                shared[document] = shared.GetValueOrDefault(document) + (Math.Min(weight, _documents[document].Terms[text].Weight) * idf);
            }
        }

        var best = new Dictionary<long, FaqCandidate>();
        foreach (var (index, mass) in shared)
        {
            var document = _documents[index];
            var similarity = mass / (Math.Pow(document.Mass, DocumentShare) * Math.Pow(queryMass, 1 - DocumentShare));
            var confidence = Math.Min(1, similarity * _weights[document.EntryId]);
            if (!best.TryGetValue(document.EntryId, out var current) || confidence > current.Confidence)
            {
                best[document.EntryId] = new FaqCandidate(document.EntryId, document.Phrasing, confidence)
                {
                    PhrasingCovered = mass / document.Mass,
                    QuestionCovered = mass / queryMass,
                };
            }
        }

        return [.. best.Values.OrderByDescending(c => c.Confidence).ThenBy(c => c.EntryId).Take(limit)];
    }

    // A Chinese word no phrasing has weighs by how rare it is in general: "東西" is mostly filler, "分期" a topic.
    private double Rarity(string term)
    {
        if (!FaqTokenizer.IsCjk(term[0]) || Lexicon.WordCost(term) is not { } cost)
        {
            return 1;
        }

        return Math.Clamp((-cost - CommonWord) / (RareWord - CommonWord), CommonShare, 1);
    }

    private double Idf(string term)
    {
        var df = _postings.TryGetValue(term, out var postings) ? postings.Count : 0;
        return Math.Log(1 + ((_documents.Count - df + 0.5) / (df + 0.5)));
    }

    private static Dictionary<string, (double Weight, int Count)> Unique(IReadOnlyList<FaqTerm> terms)
    {
        var unique = new Dictionary<string, (double Weight, int Count)>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            var (weight, count) = unique.GetValueOrDefault(term.Text);
            unique[term.Text] = (Math.Max(weight, term.Weight), count + 1);
        }

        return unique;
    }

    private sealed class Document(long entryId, string phrasing, Dictionary<string, (double Weight, int Count)> terms)
    {
        public long EntryId => entryId;

        public string Phrasing => phrasing;

        public Dictionary<string, (double Weight, int Count)> Terms => terms;

        public double Mass { get; set; }
    }
}
