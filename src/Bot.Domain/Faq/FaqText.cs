using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Faq;

/// <summary>Strings of the FAQ.</summary>
public static class FaqText
{
    public static readonly Texts Texts = Texts.For<FaqFeature>("FaqStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    public static string Get(CultureInfo culture, FaqError error) => Texts.Get(culture, error.Key, error.Args);

    /// <summary>A question's normalised form: how unanswered questions are grouped and phrasings compared.</summary>
    public static string Key(string text)
    {
        var key = string.Join(' ', FaqTokenizer.Runs(text));
        return key.Length > 200 ? key[..200] : key;
    }
}
