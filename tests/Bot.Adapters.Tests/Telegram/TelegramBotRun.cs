using System.Collections.Concurrent;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Support;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>
/// The whole bot (Program.Build) on a test database, talking to a <see cref="FakeBotApi"/> through the real
/// Telegram.Bot client, with every log line captured at Trace level.
/// </summary>
public sealed class TelegramBotRun : IAsyncDisposable
{
    public const string SpamWord = "buy-cheap-followers";

    public const string EchoPrefix = "echo:";

    private readonly WebApplication _app;

    private TelegramBotRun(WebApplication app, CapturedLogs logs, SeenEvents seen)
    {
        _app = app;
        Logs = logs;
        Seen = seen;
    }

    public CapturedLogs Logs { get; }

    public SeenEvents Seen { get; }

    public IServiceProvider Services => _app.Services;

    public IActionExecutor Executor => _app.Services.GetServices<IActionExecutor>().Single(e => e.Platform == Platform.Telegram);

    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<TelegramBotRun> StartAsync(
        FakeBotApi api, string connectionString, CapturedLogs? logs = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        logs ??= new CapturedLogs();
        var seen = new SeenEvents();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = connectionString,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:StaffChatId"] = "-500",
            ["Telegram:CommunityChatId"] = TelegramJson.Group.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:MessagesPerSecondPerChat"] = "50",
            ["Telegram:MessagesPerMinutePerGroup"] = "1000",
            ["Telegram:RequestsPerSecond"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var app = Bot.Host.Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders().AddProvider(logs);
            builder.Services.AddSeenEvents(seen);
            builder.Services.AddScoped<IFeature, KeywordFilter>();
            builder.Services.AddScoped<IFeature, Echo>();
            services?.Invoke(builder.Services);
        });
        var run = new TelegramBotRun(app, logs, seen);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return run;
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A message <c>echo: text</c> is answered with <c>text</c> in its chat.</summary>
    private sealed class Echo : IFeature
    {
        public string Name => "test-echo";

        public int Order => 300;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<BotAction>>(context.Event is MessagePosted { IsDirect: false } message && message.Text.StartsWith(EchoPrefix, StringComparison.Ordinal)
                ? [new Reply(message.Community, message.ChannelId, message.Text[EchoPrefix.Length..])]
                : []);
    }

    /// <summary>Stands in for moderation: a message with <see cref="SpamWord"/> is deleted.</summary>
    private sealed class KeywordFilter : IFeature
    {
        public string Name => "test-spam";

        public int Order => 100;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
        {
            if (context.Event is MessagePosted { IsDirect: false } message && message.Text.Contains(SpamWord, StringComparison.OrdinalIgnoreCase))
            {
                context.MessageFiltered = true;
                return Task.FromResult<IReadOnlyList<BotAction>>([new DeleteMessage(message.Community, message.ChannelId, message.MessageId, "spam")]);
            }

            return FeatureResults.NoneAsync;
        }
    }
}
