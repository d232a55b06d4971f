using Bot.Adapters.Discord;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class DiscordSetup
{
    /// <summary>
    /// The Discord adapter (gateway shards, REST, slash commands, the action executor), active only when
    /// <c>Discord:BotToken</c> is set. Set-up, intents and the invite URL: docs/discord.md.
    /// </summary>
    public static IHostApplicationBuilder AddDiscord(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{DiscordOptions.Section}:{nameof(DiscordOptions.BotToken)}"]))
        {
            return builder;
        }

        builder.AddFeatureOptions<DiscordOptions>(DiscordOptions.Section);
        builder.Services.AddSingleton<Bot.Adapters.Discord.Events.IDiscordState, Bot.Adapters.Postgres.Core.PostgresDiscordState>();
        builder.Services.AddSingleton<Bot.Adapters.Discord.Gateway.IGatewaySessions, Bot.Adapters.Postgres.Core.PostgresGatewaySessions>();
        builder.Services.AddDiscordAdapter();
        return builder;
    }
}
