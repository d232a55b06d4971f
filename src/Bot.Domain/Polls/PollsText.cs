using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Polls;

/// <summary>Strings of the polls.</summary>
public static class PollsText
{
    public static readonly Texts Texts = Texts.For<PollsOptions>("PollsStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
