namespace Bot.Domain.Faq;

/// <summary>
/// Cuts a run of Chinese characters into words: of every way to cut it into listed words (or single characters),
/// the one whose words are most probable together, found by dynamic programming over the run.
/// "我的訂單什麼時候出貨" → 我的 / 订单 / 什么 / 时候 / 出货.
/// </summary>
public static class FaqSegmenter
{
    public static List<string> Segment(string run, FaqLexicon lexicon)
    {
        var n = run.Length;
        var best = new double[n + 1];
        var from = new int[n + 1];
        for (var end = 1; end <= n; end++)
        {
            best[end] = double.NegativeInfinity;
            for (var length = 1; length <= Math.Min(lexicon.LongestWord, end); length++)
            {
                var cost = lexicon.WordCost(run.AsSpan(end - length, length)) ?? (length == 1 ? lexicon.UnknownCost : (double?)null);
                if (cost is { } c && best[end - length] + c > best[end])
                {
                    best[end] = best[end - length] + c;
                    from[end] = end - length;
                }
            }
        }

        var words = new List<string>();
        for (var end = n; end > 0; end = from[end])
        {
            words.Add(run[from[end]..end]);
        }

        words.Reverse();
        return words;
    }
}
