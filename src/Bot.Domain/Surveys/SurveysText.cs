using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Surveys;

/// <summary>Strings of the satisfaction surveys.</summary>
public static class SurveysText
{
    public static readonly Texts Texts = Texts.For<SurveysOptions>("SurveysStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
