using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.LogChannel;

/// <summary>Strings of the log channel.</summary>
public static class LogChannelText
{
    public static readonly Texts Texts = Texts.For<LogChannelOptions>("LogChannelStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
