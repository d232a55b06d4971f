using System.Globalization;
using Bot.Domain.Community;
using Bot.Domain.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Telegram;

/// <summary>The language of the adapter's own messages: the communities' default language.</summary>
public sealed class TelegramLanguage(IServiceProvider services)
{
    public CultureInfo Default => Languages.Culture(services.GetService<CommunityOptions>()?.DefaultLanguage ?? "en");
}
