using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Adapters.Telegram;

/// <summary>The adapter's own user-facing strings: role announcements and the new-member check.</summary>
public static class TelegramText
{
    public static readonly Texts Texts = Texts.For<TelegramOptions>("TelegramStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);
}
