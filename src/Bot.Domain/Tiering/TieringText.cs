using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Tiering;

/// <summary>Strings of tiering: ranks, tiers, thanks, staff credits, nominations.</summary>
public static class TieringText
{
    public static readonly Texts Texts = Texts.For<TieringFeature>("TieringStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    public static string TierName(CultureInfo culture, Tier tier) => Texts.Get(culture, "Tier" + tier);

    public static string Points(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
