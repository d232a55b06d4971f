using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Stats;

/// <summary>Strings of the stats feature: figures, reports, KPI and export replies, metric labels.</summary>
public static class StatsText
{
    public static readonly Texts Texts = Texts.For<StatsFeature>("StatsStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
