using Bot.Adapters.Pipeline;
using Bot.Adapters.Telegram;
using Bot.Domain.Commands;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>The adapter's services wired to a fake Bot API, for tests that drive one part directly.</summary>
public static class TelegramServices
{
    public static TelegramOptions Options(FakeBotApi api, string token = FakeBotApi.Token) => new()
    {
        BotToken = token,
        ApiBaseUrl = api.BaseUrl,
        PollTimeoutSeconds = 1,
        StaffChatId = -500,
        CommunityChatId = TelegramJson.Group,
        MessagesPerSecondPerChat = 50,
        MessagesPerMinutePerGroup = 1000,
        RequestsPerSecond = 1000,
    };

    public static ServiceProvider Build(TelegramOptions options, CapturedLogs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton(options);
        // A data source that is never opened, for parts that do not touch the adapter's tables.
        services.AddSingleton(NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none"));
        services.AddScoped<CommandCatalog>(sp => new CommandCatalog(sp.GetServices<ICommandHandler>()));
        services.AddTelegramAdapter();
        // The configured community with its staff chat, as the start-up seeds it.
        var communities = new Bot.Adapters.Tests.Discord.Fakes.MemoryCommunityStore();
        communities.SaveAsync(new Bot.Domain.Community.CommunitySettings(
            Bot.Adapters.Telegram.UpdateTranslator.Community(TelegramJson.Group), "en", "UTC", StaffChannelId: "-500"), CancellationToken.None).GetAwaiter().GetResult();
        services.AddSingleton<Bot.Domain.Community.ICommunityStore>(communities);
        services.AddSingleton<IEventPipeline, UnusedPipeline>();
        return services.BuildServiceProvider();
    }

    private sealed class UnusedPipeline : IEventPipeline
    {
        public Task ProcessAsync(IReadOnlyList<Bot.Domain.Events.ChatEvent> events, CancellationToken ct) =>
            throw new InvalidOperationException("This test does not process events.");
    }
}
