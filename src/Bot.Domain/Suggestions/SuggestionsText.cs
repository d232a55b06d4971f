using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Suggestions;

/// <summary>Strings of the suggestion box.</summary>
public static class SuggestionsText
{
    public static readonly Texts Texts = Texts.For<SuggestionsOptions>("SuggestionsStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
