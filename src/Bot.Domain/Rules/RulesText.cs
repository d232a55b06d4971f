using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Rules;

/// <summary>Strings of the published rules.</summary>
public static class RulesText
{
    public static readonly Texts Texts = Texts.For<RulesOptions>("RulesStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    /// <summary>The rules as members see them, pinned and in <c>/rules</c>.</summary>
    public static string Render(CultureInfo culture, PublishedRules rules) => Get(culture, "RulesMessage", rules.Version, rules.Text);

    /// <summary>
    /// Typed text with <c>\n</c> as line breaks: Discord's slash options are one line, so that is how several lines are written there.
    /// </summary>
    public static string Lines(string text) => text.Replace("\\n", "\n", StringComparison.Ordinal).Trim();
}
