using Bot.Adapters.Pipeline;
using Bot.Adapters.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Telegram.Bot;

namespace Bot.Adapters.Telegram;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram adapter's services. Expects <see cref="TelegramOptions"/>, the pipeline, the command catalog and
    /// an <c>NpgsqlDataSource</c> to be registered. The start-up check runs before polling (hosted services start in order).
    /// </summary>
    public static IServiceCollection AddTelegramAdapter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITelegramBotClient>(sp => TelegramClientFactory.Create(sp.GetRequiredService<TelegramOptions>()));
        services.AddIngestReliability();
        services.AddSingleton<TokenRedactor>();
        services.AddSingleton<TelegramBotIdentity>();
        services.AddSingleton<TelegramRateLimiter>();
        services.AddSingleton<TelegramGateway>();
        services.AddSingleton<TelegramStore>();
        services.AddSingleton<TelegramCommunities>();
        services.AddSingleton<TelegramAdminCache>();
        services.AddSingleton<TelegramChatDirectory>();
        services.AddSingleton<Bot.Domain.Community.IChatDirectory>(sp => sp.GetRequiredService<TelegramChatDirectory>());
        services.AddSingleton<TelegramSettings>();
        services.AddSingleton<TelegramFiles>();
        services.AddSingleton<TelegramUpdateProcessor>();
        services.AddSingleton<TelegramActionExecutor>();
        services.AddSingleton<IActionExecutor>(sp => sp.GetRequiredService<TelegramActionExecutor>());
        services.AddHostedService<TelegramStartup>();
        services.AddHostedService<TelegramPolling>();
        return services;
    }

}
