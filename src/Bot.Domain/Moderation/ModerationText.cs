using System.Globalization;
using Bot.Domain.Commands;
using Bot.Domain.Text;

namespace Bot.Domain.Moderation;

/// <summary>Moderation's strings (en, zh-TW) and the wording of actions.</summary>
public static class ModerationText
{
    public static readonly Texts Texts = Texts.For<ModerationFeature>("ModerationStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    public static string Error(CultureInfo culture, RuleError error) => Texts.Get(culture, error.Key, error.Args);

    /// <summary>"a timeout of 1h", "a permanent ban"…: what a member gets, in words.</summary>
    public static string Describe(CultureInfo culture, RuleAction action) => action switch
    {
        { Kind: ActionKind.Timeout, Duration: { } d } => Get(culture, "ActionTimeout", DurationParser.Format(d)),
        { Kind: ActionKind.Ban, Duration: { } d } => Get(culture, "ActionBanFor", DurationParser.Format(d)),
        _ => Get(culture, "Action" + action.Kind),
    };
}
