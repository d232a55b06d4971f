namespace Bot.Domain.Faq;

/// <summary>
/// Members' verdicts nudge an entry's confidence: 👍 and "Did you mean" picks up, 👎 down. The share of good
/// verdicts is smoothed as if five of each had been given, so a few votes move it little, and it maps to a factor
/// between 0.9 and 1.1 (1 with no votes): enough to settle a near tie, not to answer a question that does not match.
/// </summary>
public static class FaqEntryWeight
{
    private const double Prior = 5;
    private const double Reach = 0.1;

    public static double Of(FaqEntry entry)
    {
        var good = entry.Helpful + entry.Chosen;
        var share = (good + Prior) / (good + entry.Unhelpful + (2 * Prior));
        return 1 - Reach + (2 * Reach * share);
    }
}
