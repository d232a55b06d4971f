using Bot.Adapters.Discord.Actions;
using Bot.Adapters.Discord.Commands;
using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Discord.Interactions;
using Bot.Adapters.Discord.Rest;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Reliability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Adapters.Discord;

public static class DiscordAdapterServices
{
    /// <summary>The Discord client, event pump and action executor; expects <see cref="DiscordOptions"/>, an <see cref="IEventPipeline"/> and the command catalog.</summary>
    public static IServiceCollection AddDiscordAdapter(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // HttpClient's own request logs would print interaction tokens (they are in webhook paths).
        services.AddHttpClient<DiscordRestClient>(http => http.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddHttpClient<DiscordAttachments>(http => http.Timeout = TimeSpan.FromSeconds(20)).RemoveAllLoggers();
        services.AddIngestReliability();
        services.AddSingleton<RestRateLimiter>();
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<GuildCache>();
        services.TryAddSingleton<IDiscordState, MemoryDiscordState>();
        services.TryAddSingleton<IGatewaySessions, MemoryGatewaySessions>();
        services.AddSingleton<InviteTracker>();
        services.AddSingleton<IdentifyGate>();
        services.AddSingleton<DiscordEventTranslator>();
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<DiscordRoleMap>();
        services.AddSingleton<DiscordEventPump>();
        services.AddSingleton<IActionExecutor, DiscordActionExecutor>();
        services.AddSingleton<Bot.Domain.Community.IChatDirectory, Community.DiscordChatDirectory>();
        services.AddHostedService<DiscordShardHost>();
        return services;
    }
}
