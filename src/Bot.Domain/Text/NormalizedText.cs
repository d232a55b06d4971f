namespace Bot.Domain.Text;

/// <summary>
/// Text after <see cref="TextNormalizer"/>: the folded characters, where each came from in the original,
/// and whether something was stripped before it (a gap). Reusable: <see cref="TextNormalizer.Analyze(string, NormalizedText)"/>
/// overwrites it, so a matcher can keep one per thread and allocate nothing per message.
/// </summary>
public sealed class NormalizedText
{
    private char[] _chars = new char[256];
    private int[] _sources = new int[256];
    private bool[] _gapBefore = new bool[257];
    private int _length;

    public string Original { get; private set; } = string.Empty;

    public int Length
    {
        get => _length;
        internal set => _length = value;
    }

    internal (char[] Chars, int[] Sources, bool[] Gaps) Buffers => (_chars, _sources, _gapBefore);

    public ReadOnlySpan<char> Chars => _chars.AsSpan(0, _length);

    /// <summary>Index in <see cref="Original"/> of the character folded into position <paramref name="index"/>.</summary>
    public int SourceOf(int index) => _sources[index];

    /// <summary>True when something was stripped right before <paramref name="index"/> (or it is the start); index may be <see cref="Length"/>.</summary>
    public bool GapBefore(int index) => _gapBefore[index];

    /// <summary>
    /// A word starts at <paramref name="index"/>: the start, a gap, a non-word char before it, or a change between
    /// letters and digits (so "bet" is a word in "bet365", which is how such names are written).
    /// </summary>
    public bool IsWordStart(int index) => index == 0 || _gapBefore[index] || Splits(_chars[index - 1], _chars[index]);

    /// <summary>A word ends after <paramref name="index"/>: the end, a gap, a non-word char next, or a letter/digit change.</summary>
    public bool IsWordEnd(int index) => index + 1 >= _length || _gapBefore[index + 1] || Splits(_chars[index], _chars[index + 1]);

    internal static bool Splits(char before, char after) =>
        !TextNormalizer.IsWordChar(before) || !TextNormalizer.IsWordChar(after) || char.IsDigit(before) != char.IsDigit(after);

    /// <summary>The original text that folded into positions [start, end] (inclusive), for "on what text".</summary>
    public string OriginalSpan(int start, int end)
    {
        var from = _sources[start];
        var to = end + 1 < _length ? _sources[end + 1] : Original.Length;
        // Trailing stripped characters belong to the gap, not the match.
        while (to > from + 1 && to - 1 > _sources[end] && !char.IsLetterOrDigit(Original[to - 1]))
        {
            to--;
        }

        return Original[from..to];
    }

    /// <summary>
    /// Runs split at script changes, and at gaps between Latin-script words; a CJK run is returned whole even across
    /// gaps (「加 微 信」 is one run, as spaces there are evasion, not word breaks). Tokenisers split CJK runs further.
    /// </summary>
    public IEnumerable<string> Runs()
    {
        var start = 0;
        for (var i = 1; i <= _length; i++)
        {
            var word = i < _length && TextNormalizer.IsWordChar(_chars[i]);
            if (i == _length || word != TextNormalizer.IsWordChar(_chars[i - 1]) || (word && _gapBefore[i]))
            {
                if (i > start)
                {
                    yield return new string(_chars, start, i - start);
                }

                start = i;
            }
        }
    }

    public override string ToString() => Chars.ToString();

    internal void Reset(string original, int capacity)
    {
        Original = original;
        _length = 0;
        if (_chars.Length < capacity)
        {
            Grow(capacity);
        }
    }

    internal void Add(char c, int source, bool gapBefore)
    {
        if (_length == _chars.Length)
        {
            Grow(_length * 2);
        }

        _chars[_length] = c;
        _sources[_length] = source;
        _gapBefore[_length] = gapBefore;
        _length++;
    }

    // One slot more for gap flags: the flag after the last char says whether the text ended in a gap.
    private void Grow(int capacity)
    {
        Array.Resize(ref _chars, capacity);
        Array.Resize(ref _sources, capacity);
        Array.Resize(ref _gapBefore, capacity + 1);
    }
}
