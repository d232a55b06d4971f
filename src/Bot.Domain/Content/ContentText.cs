using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Content;

/// <summary>Strings of the content workflow.</summary>
public static class ContentText
{
    public static readonly Texts Texts = Texts.For<ContentOptions>("ContentStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    /// <summary>A local time as staff read it: <c>Mon 2025-04-07 18:30</c> in the community's language.</summary>
    public static string Local(DateTimeOffset instant, TimeZoneInfo zone, CultureInfo culture)
    {
        var local = ZonedTime.ToLocal(instant, zone);
        return $"{culture.DateTimeFormat.GetAbbreviatedDayName(local.DayOfWeek)} {local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}";
    }

    public static string State(PostState state, CultureInfo culture) => Get(culture, "State" + state);
}
