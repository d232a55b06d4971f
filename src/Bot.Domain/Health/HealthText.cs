using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Health;

/// <summary>Strings of <c>/health</c> and the hourly dead-letter post.</summary>
public static class HealthText
{
    public static readonly Texts Texts = Texts.For<HealthReport>("HealthStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
