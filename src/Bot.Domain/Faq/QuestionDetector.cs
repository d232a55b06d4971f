namespace Bot.Domain.Faq;

/// <summary>
/// What counts as a question outside the help channel (where every message does): a question mark
/// (? or ？), an English question word first, or a Chinese question marker anywhere; and at least two
/// terms to match on, so "why?" or "嗎？" alone is not one.
/// </summary>
public static class QuestionDetector
{
    private static readonly HashSet<string> EnglishOpeners = new(StringComparer.OrdinalIgnoreCase)
    {
        "how", "what", "whats", "what's", "why", "when", "where", "who", "which", "can", "could", "is", "are", "do",
        "does", "did", "will", "would", "should", "may", "anyone", "any",
    };

    private static readonly string[] ChineseMarkers =
    [
        "嗎", "吗", "呢", "如何", "怎麼", "怎么", "怎樣", "怎样", "什麼", "什么", "為什麼", "为什么", "哪", "幾", "几",
        "是否", "能不能", "可不可以", "有沒有", "有没有", "請問", "请问", "多久", "多少",
    ];

    public static bool IsQuestion(string text) => LooksLikeQuestion(text) && HasTopic(FaqTokenizer.Terms(text));

    /// <summary>
    /// The cheap half, by its wording alone (a question mark, an opener, a Chinese question marker): most chat is not a
    /// question, and then it need not be tokenized at all.
    /// </summary>
    public static bool LooksLikeQuestion(string text)
    {
        if (text.Contains('?', StringComparison.Ordinal) || text.Contains('？', StringComparison.Ordinal))
        {
            return true;
        }

        var trimmed = text.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny(' ', ',', '，');
        var first = end < 0 ? trimmed : trimmed[..end];
        if (EnglishOpeners.GetAlternateLookup<ReadOnlySpan<char>>().Contains(first))
        {
            return true;
        }

        foreach (var marker in ChineseMarkers)
        {
            if (text.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The other half: at least two terms once the question's frame is dropped, so "what?" or "why" alone is not one.</summary>
    public static bool HasTopic(IReadOnlyList<FaqTerm> terms) => terms.Count >= 2;
}
