using Bot.Domain.Tiering;

namespace Bot.Domain.Engagement.Giveaways;

/// <summary>The tiers as staff type them in <c>/giveaway start</c> and as the giveaway stores them.</summary>
public static class TierNames
{
    public static readonly IReadOnlyList<string> All = ["regular", "active", "core", "leader"];

    public static string Of(Tier tier) => All[(int)tier];

    public static Tier Parse(string name) => (Tier)IndexOf(name);

    private static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{name}' is not a tier; one of {string.Join(", ", All)}.", nameof(name));
    }
}
