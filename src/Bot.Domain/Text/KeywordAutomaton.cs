using System.Text;

namespace Bot.Domain.Text;

/// <summary>A keyword found in normalised text: which keyword, and its folded positions [Start, End] (inclusive).</summary>
public readonly record struct KeywordHit(int Keyword, int Start, int End);

/// <summary>
/// Aho–Corasick over <see cref="TextNormalizer"/> output, built once per rule set and shared by threads.
/// <para>
/// Speed: one table maps every raw UTF-16 unit straight to its alphabet class after folding, so normalisation
/// costs one load per character and writes nothing. <see cref="IsMatch(string)"/> then checks each pair of
/// consecutive kept classes against a hashed bit set of the pairs that begin a keyword; only there (rarely, in
/// prose) does it walk the trie from that position. The failure links serve <see cref="FindAll"/>, which reports
/// every hit. Edges: most states have one child, stored inline; branching states probe one open-addressed table
/// keyed by (state, class). Dense DFA rows were tried and lost: with 1,000 Chinese keywords they run to megabytes.
/// Word boundaries are judged in place from the raw text; only when that cannot be done, or a rare character (a ligature, a letter outside
/// the BMP) is seen, does the message go through <see cref="TextNormalizer.Analyze(string, NormalizedText)"/>
/// and the checked scan.
/// </para>
/// <para>
/// Word boundaries: normalisation strips spaces and punctuation, so "b-e-t" reads "bet". A keyword whose first
/// (last) character is a Latin-script word character only matches where a word starts (ends) in the message:
/// at the text's edge, at a stripped gap, next to a non-word character such as Han, or where letters turn to
/// digits. So <c>bet</c> fires on "bet", "b-e-t", "b e t", "來bet", "bet365", but not on "better", "alphabet" or
/// "cab et" (the match would begin inside a word). A match may span gaps only as whole words ("be t" → bet), which is what split-letter evasion looks like.
/// Keywords in no-space scripts (Chinese) match anywhere: "賭 博" inside a sentence is still 赌博.
/// </para>
/// </summary>
public sealed class KeywordAutomaton
{
    private const ushort Skip = ushort.MaxValue;
    private const ushort Rare = ushort.MaxValue - 1;

    [ThreadStatic]
    private static NormalizedText? _scratch;

    private readonly ushort[] _class = new ushort[65536];
    private readonly int _classes;
    private readonly Node[] _nodes;
    private readonly bool[] _hasOutput;
    private readonly int[] _rootNext;
    private readonly StepInfo[] _steps;
    private readonly ulong[] _startPairs;
    private readonly int _pairShift;
    private readonly bool[]? _singleClass;
    private readonly long[] _edgeKeys;
    private readonly int[] _edgeTargets;
    private readonly int _edgeShift;
    private readonly ushort[] _edgeClass;
    private readonly int[] _edgeTarget;
    private readonly int[] _outKeyword;
    private readonly int[] _outNext;
    private readonly int[] _length;
    private readonly bool[] _wordStart;
    private readonly bool[] _wordEnd;

    private KeywordAutomaton(string[] normalized)
    {
        Keywords = normalized;
        _length = [.. normalized.Select(k => k.Length)];
        _wordStart = [.. normalized.Select(k => TextNormalizer.IsWordChar(k[0]))];
        _wordEnd = [.. normalized.Select(k => TextNormalizer.IsWordChar(k[^1]))];

        // Alphabet classes in order of first use, then every raw unit mapped through the fold table.
        var classOf = new Dictionary<char, ushort>();
        foreach (var c in normalized.SelectMany(k => k))
        {
            classOf.TryAdd(c, (ushort)(classOf.Count + 1));
        }

        _classes = classOf.Count + 1;
        for (var c = 0; c < 65536; c++)
        {
            var folded = TextNormalizer.FoldOf((char)c);
            _class[c] = folded switch
            {
                TextNormalizer.Strip => Skip,
                TextNormalizer.Expand => Rare,
                _ => classOf.GetValueOrDefault(folded),
            };
        }

        var trie = Trie.Build(normalized, classOf);
        var count = trie.Children.Count;

        // Edges in breadth-first state order.
        _nodes = new Node[count];
        var edges = new List<(ushort Class, int Target)>();
        for (var s = 0; s < count; s++)
        {
            var first = edges.Count;
            edges.AddRange(trie.Children[s].Select(kv => (kv.Key, kv.Value)));
            _nodes[s] = new Node(first, edges.Count, 0, -1);
        }

        _edgeClass = [.. edges.Select(e => e.Class)];
        _edgeTarget = [.. edges.Select(e => e.Target)];

        // Failure links and output chains; breadth-first numbering means a state's failure target is done first.
        var outKeyword = new List<int>();
        var outNext = new List<int>();
        for (var s = 1; s < count; s++)
        {
            var head = _nodes[_nodes[s].Fail].OutHead;
            foreach (var k in Enumerable.Reverse(trie.Own[s] ?? []))
            {
                outKeyword.Add(k);
                outNext.Add(head);
                head = outKeyword.Count - 1;
            }

            _nodes[s] = _nodes[s] with { OutHead = head };
            foreach (var (cls, next) in trie.Children[s])
            {
                _nodes[next] = _nodes[next] with { Fail = SparseStep(_nodes[s].Fail, cls) };
            }
        }

        _outKeyword = [.. outKeyword];
        _outNext = [.. outNext];
        for (var s = 1; s < count; s++)
        {
            var plain = false;
            for (var o = _nodes[s].OutHead; o >= 0; o = _outNext[o])
            {
                plain |= !_wordStart[_outKeyword[o]] && !_wordEnd[_outKeyword[o]];
            }

            _nodes[s] = _nodes[s] with { AcceptsUnchecked = plain };
        }

        _hasOutput = [.. _nodes.Select(n => n.OutHead >= 0)];
        _steps = [.. Enumerable.Range(0, count).Select(s => StepInfo.Of(trie.Children[s], _nodes[s].Fail))];

        // The pairs that begin a keyword, hashed into a bit set about 64 times their number (few false alarms);
        // one-char keywords are flagged by class instead.
        var pairs = normalized.Where(k => k.Length > 1).Select(k => (classOf[k[0]], classOf[k[1]])).Distinct().ToList();
        var bits = 1 << 16;
        while (bits < pairs.Count * 64)
        {
            bits *= 2;
        }

        _pairShift = 32 - System.Numerics.BitOperations.Log2((uint)bits);
        _startPairs = new ulong[bits / 64];
        foreach (var (first, second) in pairs)
        {
            var slot = PairSlot(first, second, _pairShift);
            _startPairs[slot >> 6] |= 1UL << (int)slot;
        }

        if (normalized.Any(k => k.Length == 1))
        {
            _singleClass = new bool[_classes];
            foreach (var k in normalized.Where(k => k.Length == 1))
            {
                _singleClass[classOf[k[0]]] = true;
            }
        }
        _rootNext = new int[_classes];
        foreach (var (cls, next) in trie.Children[0])
        {
            _rootNext[cls] = next;
        }

        // Every non-root edge in one open-addressed table, half full: one probe finds or misses most.
        var size = 16;
        while (size < edges.Count * 2)
        {
            size *= 2;
        }

        _edgeShift = 64 - System.Numerics.BitOperations.Log2((uint)size);
        _edgeKeys = new long[size];
        Array.Fill(_edgeKeys, -1L);
        _edgeTargets = new int[size];
        for (var s = 1; s < count; s++)
        {
            foreach (var (cls, next) in trie.Children[s])
            {
                var key = ((long)s << 16) | cls;
                var slot = Slot(key);
                while (_edgeKeys[slot] != -1)
                {
                    slot = (slot + 1) & (size - 1);
                }

                _edgeKeys[slot] = key;
                _edgeTargets[slot] = next;
            }
        }
    }

    /// <summary>The keywords as folded, in the order given (a hit's <see cref="KeywordHit.Keyword"/> indexes this).</summary>
    public IReadOnlyList<string> Keywords { get; }

    public int StateCount => _nodes.Length;

    /// <summary>Builds the automaton; throws <see cref="ArgumentException"/> for a keyword that folds to nothing.</summary>
    public static KeywordAutomaton Build(IEnumerable<string> keywords)
    {
        var normalized = keywords.Select(k =>
        {
            var folded = TextNormalizer.Normalize(k);
            if (folded.Any(char.IsSurrogate))
            {
                throw new ArgumentException($"Keyword '{k}' has a character outside the Basic Multilingual Plane.", nameof(keywords));
            }

            return folded.Length > 0 ? folded : throw new ArgumentException($"Keyword '{k}' has no letters or digits.", nameof(keywords));
        }).ToArray();
        return new KeywordAutomaton(normalized);
    }

    /// <summary>Whether any keyword matches the normalised <paramref name="text"/>; the fused fast path.</summary>
    public bool IsMatch(string text)
    {
        var map = _class;
        var starts = _startPairs;
        var shift = _pairShift;
        var singles = _singleClass;
        ushort previous = 0;
        var previousAt = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var cls = map[text[i]];
            if (cls >= Rare)
            {
                if (cls == Skip)
                {
                    continue;
                }

                // An emoji or other symbol pair is stripped like punctuation; anything else needs the full fold.
                if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1])
                    && !Rune.IsLetterOrDigit(new Rune(text[i], text[i + 1])))
                {
                    i++;
                    continue;
                }

                return CheckedIsMatch(text);
            }

            // Only where a keyword may begin (two folded chars that start one, checked in a hashed bit set; or a
            // one-char keyword) is the trie walked, so most characters cost two loads and a test.
            if (singles is not null && singles[cls])
            {
                var verdict = WalkFrom(text, i);
                if (verdict != Verdict.NoMatch)
                {
                    return verdict == Verdict.Match || CheckedIsMatch(text);
                }
            }

            var pair = PairSlot(previous, cls, shift);
            if ((starts[pair >> 6] & (1UL << (int)pair)) != 0)
            {
                var verdict = WalkFrom(text, previousAt);
                if (verdict != Verdict.NoMatch)
                {
                    return verdict == Verdict.Match || CheckedIsMatch(text);
                }
            }

            previous = cls;
            previousAt = i;
        }

        return false;
    }

    // Follows trie edges only (no failure links) from the kept char at raw index start, checking every keyword
    // that ends on the way; the pair filter has already said some keyword may begin there.
    private Verdict WalkFrom(string text, int start)
    {
        var map = _class;
        var state = 0;
        for (var i = start; i < text.Length; i++)
        {
            var cls = map[text[i]];
            if (cls == Skip)
            {
                continue;
            }

            if (cls is 0 or Rare)
            {
                // A rare char inside a possible match: only the full fold can tell.
                return cls == Rare ? Verdict.Unsure : Verdict.NoMatch;
            }

            state = state == 0 ? _rootNext[cls] : Child(state, cls);
            if (state == 0)
            {
                return Verdict.NoMatch;
            }

            if (_hasOutput[state])
            {
                var verdict = _nodes[state].AcceptsUnchecked ? Verdict.Match : VerifyInPlace(text, i, state);
                if (verdict != Verdict.NoMatch)
                {
                    return verdict;
                }
            }
        }

        return Verdict.NoMatch;
    }

    private enum Verdict
    {
        NoMatch,
        Match,
        Unsure,
    }

    // Checks the word boundaries of the keywords ending at raw index i by looking at the raw text around them,
    // so a word-bounded candidate ("bet" inside "better") costs a few lookups, not a second pass. Everything
    // before i folded to single chars (a rare char would have left the fast path already).
    private Verdict VerifyInPlace(string text, int end, int state)
    {
        var last = TextNormalizer.FoldOf(text[end]);
        var endsWord = true;
        if (end + 1 < text.Length)
        {
            var next = TextNormalizer.FoldOf(text[end + 1]);
            if (next == TextNormalizer.Expand)
            {
                return Verdict.Unsure;
            }

            endsWord = next == TextNormalizer.Strip || Splits(last, next);
        }

        for (var o = _nodes[state].OutHead; o >= 0; o = _outNext[o])
        {
            var k = _outKeyword[o];
            if (_wordEnd[k] && !endsWord)
            {
                continue;
            }

            if (!_wordStart[k] || StartsWord(text, end, _length[k]))
            {
                return Verdict.Match;
            }
        }

        return Verdict.NoMatch;
    }

    private static bool StartsWord(string text, int end, int length)
    {
        // Stripped chars and the halves of a stripped surrogate pair (an emoji) are not part of the keyword.
        var start = end;
        for (var kept = 1; kept < length; kept += TextNormalizer.FoldOf(text[start]) is TextNormalizer.Strip or TextNormalizer.Expand ? 0 : 1)
        {
            start--;
        }

        if (start == 0)
        {
            return true;
        }

        var before = TextNormalizer.FoldOf(text[start - 1]);
        return before is TextNormalizer.Strip or TextNormalizer.Expand || Splits(before, TextNormalizer.FoldOf(text[start]));
    }

    private static bool Splits(char before, char after) => NormalizedText.Splits(before, after);

    public bool IsMatch(NormalizedText text) => Scan(text, null, firstOnly: true);

    /// <summary>Every hit, in order of where it ends; overlapping hits are all reported.</summary>
    public IReadOnlyList<KeywordHit> FindAll(NormalizedText text)
    {
        var hits = new List<KeywordHit>();
        Scan(text, hits, firstOnly: false);
        return hits;
    }

    private bool CheckedIsMatch(string text)
    {
        var scratch = _scratch ??= new NormalizedText();
        TextNormalizer.Analyze(text, scratch);
        return Scan(scratch, null, firstOnly: true);
    }

    private bool Scan(NormalizedText text, List<KeywordHit>? hits, bool firstOnly)
    {
        var chars = text.Chars;
        var state = 0;
        var found = false;
        for (var i = 0; i < chars.Length; i++)
        {
            var cls = _class[chars[i]];
            if (cls is 0 or >= Rare)
            {
                state = 0;
                continue;
            }

            state = Step(state, cls);
            for (var o = _nodes[state].OutHead; o >= 0; o = _outNext[o])
            {
                var k = _outKeyword[o];
                var start = i - _length[k] + 1;
                if ((_wordStart[k] && !text.IsWordStart(start)) || (_wordEnd[k] && !text.IsWordEnd(i)))
                {
                    continue;
                }

                found = true;
                if (firstOnly)
                {
                    return true;
                }

                hits!.Add(new KeywordHit(k, start, i));
            }
        }

        return found;
    }

    private int Step(int state, ushort cls)
    {
        var steps = _steps;
        while (state != 0)
        {
            ref readonly var step = ref steps[state];
            if (step.OnlyClass == cls)
            {
                return step.OnlyTarget;
            }

            if (step.Branches && TryEdge(state, cls, out var next))
            {
                return next;
            }

            state = step.Fail;
        }

        return _rootNext[cls];
    }

    private bool TryEdge(int state, ushort cls, out int next)
    {
        var keys = _edgeKeys;
        var mask = keys.Length - 1;
        var key = ((long)state << 16) | cls;
        for (var slot = Slot(key); keys[slot] != -1; slot = (slot + 1) & mask)
        {
            if (keys[slot] == key)
            {
                next = _edgeTargets[slot];
                return true;
            }
        }

        next = 0;
        return false;
    }

    // The trie edge only, no failure link: 0 when the state has no child for the class.
    private int Child(int state, ushort cls)
    {
        ref readonly var step = ref _steps[state];
        if (step.OnlyClass == cls)
        {
            return step.OnlyTarget;
        }

        return step.Branches && TryEdge(state, cls, out var next) ? next : 0;
    }

    private static uint PairSlot(ushort first, ushort second, int shift) => (((uint)first << 16) | second) * 0x9E3779B1u >> shift;

    private int Slot(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> _edgeShift);

    private int SparseStep(int state, ushort cls)
    {
        var nodes = _nodes;
        while (true)
        {
            ref readonly var node = ref nodes[state];
            for (var e = node.FirstEdge; e < node.EndEdge; e++)
            {
                if (_edgeClass[e] == cls)
                {
                    return _edgeTarget[e];
                }
            }

            if (state == 0)
            {
                return 0;
            }

            state = node.Fail;
        }
    }

    // What a step from a state reads, packed small: most states have one child (checked inline) or none; only
    // branching states probe the edge table. Class 0 never reaches a step, so it marks "no single child".
    private readonly record struct StepInfo(ushort OnlyClass, bool Branches, int OnlyTarget, int Fail)
    {
        public static StepInfo Of(SortedDictionary<ushort, int> children, int fail) => children.Count == 1
            ? new StepInfo(children.First().Key, false, children.First().Value, fail)
            : new StepInfo(0, children.Count > 1, 0, fail);
    }

    // A state as the build (failure links) and the output check read it.
    private readonly record struct Node(int FirstEdge, int EndEdge, int Fail, int OutHead, bool AcceptsUnchecked = false);

    /// <summary>The keyword trie, numbered breadth first.</summary>
    private sealed record Trie(List<SortedDictionary<ushort, int>> Children, List<List<int>?> Own)
    {
        public static Trie Build(string[] keywords, Dictionary<char, ushort> classOf)
        {
            // Insert by depth so that states come out numbered breadth first.
            var children = new List<SortedDictionary<ushort, int>> { new() };
            var own = new List<List<int>?> { null };
            var at = new int[keywords.Length];
            var longest = keywords.Max(k => k.Length);
            for (var depth = 0; depth < longest; depth++)
            {
                for (var k = 0; k < keywords.Length; k++)
                {
                    if (depth >= keywords[k].Length)
                    {
                        continue;
                    }

                    var cls = classOf[keywords[k][depth]];
                    if (!children[at[k]].TryGetValue(cls, out var next))
                    {
                        next = children.Count;
                        children.Add([]);
                        own.Add(null);
                        children[at[k]][cls] = next;
                    }

                    at[k] = next;
                    if (depth == keywords[k].Length - 1)
                    {
                        (own[next] ??= []).Add(k);
                    }
                }
            }

            return new Trie(children, own);
        }
    }
}
