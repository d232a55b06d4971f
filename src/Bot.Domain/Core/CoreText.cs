using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Core;

/// <summary>Strings of the core: command errors, help, staff and settings.</summary>
public static class CoreText
{
    public static readonly Texts Texts = Texts.For<MembersFeature>("CoreStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
