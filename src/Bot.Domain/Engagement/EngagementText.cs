using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Engagement;

/// <summary>Strings of giveaways, meetups and contests.</summary>
public static class EngagementText
{
    public static readonly Texts Texts = Texts.For<EngagementFeature>("EngagementStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    /// <summary>A time as members read it: in the community's zone, with the zone named.</summary>
    public static string Time(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " (" + zone.Id + ")";
}
