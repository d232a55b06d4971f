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
/// Every phrasing of every entry is a document, and so are an entry's phrasings taken together; an entry scores as
/// its best document. Terms weigh by their BM25 inverse document frequency (rare terms say more) times their kind's
/// weight (<see cref="FaqTokenizer"/>); synonyms in both languages read as one term, so an English question meets a
/// Chinese phrasing. The confidence is the IDF mass the question and the phrasing share, divided by a weighted
/// geometric mean of each one's own mass: 1 for the same wording, falling when the question carries words the
/// phrasing lacks (another topic) or the phrasing has words the question lacks (a different, more specific question).
/// A word no phrasing contains counts, on the question's side, as the highest IDF (a common Chinese word less); an
/// English word one typo away from a known one counts as that word, a little weaker. Members' verdicts on an entry
/// scale its confidence (<see cref="FaqEntryWeight"/>).
/// </summary>
public sealed class FaqIndex
{
    // How much covering the phrasing counts against covering the question. Chosen on the tune half of the labelled
    // set: a question that adds a topic to an entry's ("退款的運費誰出") is the commonest wrong answer, so covering
    // the question counts most.
    private const double DocumentShare = 0.2;

    // A word no phrasing has weighs as much as the rarest known word: it is most often another topic.
    private const double UnknownShare = 1.0;

    // Log-probabilities of a common and a rare Chinese word (the word list's scale), and what a common one counts for.
    private const double CommonWord = 7;
    private const double RareWord = 14;
    private const double CommonShare = 0.2;

    // A misspelt word found by its neighbour counts for this much of it.
    private const double TypoWeight = 0.8;

    private readonly List<Document> _documents = [];
    private readonly Dictionary<string, Postings> _postings = new(StringComparer.Ordinal);
    private readonly FaqSpelling _spelling;
    private readonly double _unknownIdf;

    private FaqIndex(IEnumerable<FaqEntry> entries, FaqLexicon lexicon)
    {
        Lexicon = lexicon;
        var phrasings = new List<Dictionary<string, double>>();
        foreach (var entry in entries)
        {
            var weight = FaqEntryWeight.Of(entry);
            var texts = entry.Questions.Select(q => (Phrasing: q, Terms: Unique(FaqTokenizer.Terms(q, lexicon)))).ToList();
            Count += texts.Count(t => t.Terms.Count > 0);
            if (texts.Count > 1)
            {
                texts.Add((texts[0].Phrasing, Together(texts.Select(t => t.Terms))));
            }

            foreach (var (question, terms) in texts)
            {
                if (terms.Count == 0)
                {
                    continue;
                }

                foreach (var (text, termWeight) in terms)
                {
                    if (!_postings.TryGetValue(text, out var postings))
                    {
                        _postings[text] = postings = new Postings();
                    }

                    postings.Documents.Add((_documents.Count, termWeight));
                }

                _documents.Add(new Document(entry.Id, _documents.Count == 0 || _documents[^1].EntryId != entry.Id ? EntryCount++ : EntryCount - 1, question, weight));
                phrasings.Add(terms);
            }
        }

        foreach (var postings in _postings.Values)
        {
            postings.Idf = Idf(postings.Documents.Count);
        }

        // An English word of a synonym whose canonical term is indexed (often Chinese) is known too, so "pasword" still meets 密碼.
        _spelling = new FaqSpelling(_postings.Keys.Select(k => (k, k)).Concat(
            lexicon.Synonyms.Where(s => !s.Key.Contains(' ', StringComparison.Ordinal) && _postings.ContainsKey(s.Value)).Select(s => (s.Key, s.Value))));
        _unknownIdf = UnknownShare * Idf(0);
        for (var i = 0; i < _documents.Count; i++)
        {
            _documents[i].Mass = phrasings[i].Sum(t => t.Value * _postings[t.Key].Idf);
            _documents[i].MassShare = Math.Pow(_documents[i].Mass, DocumentShare);
        }
    }

    private int EntryCount { get; set; }

    public static FaqIndex Empty { get; } = new([], FaqLexicon.Shipped);

    /// <summary>The phrasings indexed.</summary>
    public int Count { get; }

    public FaqLexicon Lexicon { get; }

    public static FaqIndex Build(IEnumerable<FaqEntry> entries, FaqLexicon? lexicon = null) => new(entries, lexicon ?? FaqLexicon.Shipped);

    /// <summary>
    /// Answers only when the best entry reaches the threshold and leads the runner-up by the margin; short of that,
    /// an entry at or above the suggestion threshold is offered ("Did you mean…?") with the runner-up if it is too.
    /// </summary>
    public FaqMatch Match(string question, FaqOptions options) => Match(Terms(question), options);

    /// <inheritdoc cref="Match(string, FaqOptions)"/>
    public FaqMatch Match(IReadOnlyList<FaqTerm> question, FaqOptions options)
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
    public IReadOnlyList<FaqCandidate> Rank(string question, int limit) => Rank(Terms(question), limit);

    /// <summary>A text's terms as this index reads them (its community's synonyms included).</summary>
    public IReadOnlyList<FaqTerm> Terms(string text) => FaqTokenizer.Terms(text, Lexicon);

    private IReadOnlyList<FaqCandidate> Rank(IReadOnlyList<FaqTerm> question, int limit)
    {
        if (_documents.Count == 0)
        {
            return [];
        }

        var query = Unique(question);
        if (query.Count == 0)
        {
            return [];
        }

        // Only phrasings sharing a term with the question can score: walk the postings, not every phrasing.
        var queryMass = 0.0;
        var shared = new double[_documents.Count];
        foreach (var (written, termWeight) in query)
        {
            var (text, weight) = (written, termWeight);
            if (!_postings.ContainsKey(text) && _spelling.Correct(text) is { } corrected)
            {
                (text, weight) = (corrected, weight * TypoWeight);
            }

            if (!_postings.TryGetValue(text, out var postings))
            {
                queryMass += weight * _unknownIdf * Rarity(text);
                continue;
            }

            queryMass += weight * postings.Idf;
            foreach (var (document, documentWeight) in postings.Documents)
            {
                shared[document] += Math.Min(weight, documentWeight) * postings.Idf;
            }
        }

        // Each entry as its best phrasing.
        var queryShare = Math.Pow(queryMass, 1 - DocumentShare);
        var best = new int[EntryCount];
        var confidence = new double[EntryCount];
        Array.Fill(best, -1);
        for (var i = 0; i < shared.Length; i++)
        {
            if (shared[i] == 0)
            {
                continue;
            }

            var document = _documents[i];
            var value = Math.Min(1, shared[i] / (document.MassShare * queryShare) * document.Weight);
            if (best[document.Entry] < 0 || value > confidence[document.Entry])
            {
                (best[document.Entry], confidence[document.Entry]) = (i, value);
            }
        }

        return [.. Enumerable.Range(0, EntryCount).Where(e => best[e] >= 0)
            .OrderByDescending(e => confidence[e]).ThenBy(e => _documents[best[e]].EntryId).Take(limit)
            .Select(e =>
            {
                var document = _documents[best[e]];
                return new FaqCandidate(document.EntryId, document.Phrasing, confidence[e])
                {
                    PhrasingCovered = shared[best[e]] / document.Mass,
                    QuestionCovered = shared[best[e]] / queryMass,
                };
            })];
    }

    // A word no phrasing has weighs by how rare it is in general: "東西" and "week" are mostly filler, "分期" and
    // "installments" a topic.
    private double Rarity(string term)
    {
        if (!FaqTokenizer.IsCjk(term[0]))
        {
            return Lexicon.IsCommonEnglish(term) ? CommonShare : 1;
        }

        if (Lexicon.WordCost(term) is not { } cost)
        {
            return 1;
        }

        return Math.Clamp((-cost - CommonWord) / (RareWord - CommonWord), CommonShare, 1);
    }

    // BM25's inverse document frequency of a term in df of the phrasings.
    private double Idf(int df) => Math.Log(1 + ((_documents.Count - df + 0.5) / (df + 0.5)));

    // A term's weight in a text: the strongest of its occurrences (a word and the same characters as a bigram).
    private static Dictionary<string, double> Unique(IReadOnlyList<FaqTerm> terms)
    {
        var unique = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            unique[term.Text] = Math.Max(unique.GetValueOrDefault(term.Text), term.Weight);
        }

        return unique;
    }

    // An entry's phrasings as one text: a question may take words from two of them ("退款" from one, "money back" from another).
    private static Dictionary<string, double> Together(IEnumerable<Dictionary<string, double>> phrasings)
    {
        var together = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (text, weight) in phrasings.SelectMany(p => p))
        {
            together[text] = Math.Max(together.GetValueOrDefault(text), weight);
        }

        return together;
    }

    private sealed class Postings
    {
        public List<(int Document, double Weight)> Documents { get; } = [];

        public double Idf { get; set; }
    }

    private sealed class Document(long entryId, int entry, string phrasing, double weight)
    {
        public long EntryId => entryId;

        /// <summary>The entry's position in the index (phrasings of one entry are added together).</summary>
        public int Entry => entry;

        public string Phrasing => phrasing;

        /// <summary>The entry's weight from members' verdicts.</summary>
        public double Weight => weight;

        public double Mass { get; set; }

        public double MassShare { get; set; }
    }
}
