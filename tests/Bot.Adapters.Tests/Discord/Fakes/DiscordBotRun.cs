using System.Collections.Concurrent;
using System.Globalization;
using Bot.Adapters.Console;
using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Bot.Adapters.Tests.Support;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord.Fakes;

/// <summary>
/// The whole bot (<c>Program.Build</c>) on a test database, talking to a <see cref="FakeDiscord"/> through our Discord client.
/// Every message the bot posts gets its own id (<see cref="IdOf"/>); the events the features were given are in
/// <see cref="Seen"/> once their batch has committed; the clock is real time plus what <see cref="AdvanceAsync"/> added,
/// and advancing it fires the scheduled work due by then, as the console's <c>:advance</c> does.
/// </summary>
public sealed class DiscordBotRun : IAsyncDisposable
{
    public const string Token = "MTIzNDU2.e2e-bot-token.VALUE-do-not-log";

    private readonly ConcurrentDictionary<RecordedRequest, string> _ids = new(ReferenceEqualityComparer.Instance);
    private int _nextId = 5000;

    private DiscordBotRun(FakeDiscord fake, CapturingLoggerProvider logs)
    {
        Fake = fake;
        Logs = logs;
    }

    public FakeDiscord Fake { get; }

    public CapturingLoggerProvider Logs { get; }

    public SeenEvents Seen { get; } = new();

    public ConsoleClock Clock { get; } = new(TimeProvider.System);

    public WebApplication App { get; private set; } = null!;

    public FakeDiscord.FakeGatewayConnection Gateway { get; private set; } = null!;

    /// <summary>
    /// Starts the bot; <paramref name="rest"/> answers REST calls first (null: the defaults, which give each posted message
    /// an id and every guild no invites). Returns once the gateway is connected and the slash commands are registered.
    /// <paramref name="database"/> is a connection string (default a fresh test database); <paramref name="services"/> changes the
    /// bot's services after its own (e.g. a pipeline that fails on purpose).
    /// </summary>
    public static async Task<DiscordBotRun> StartAsync(
        Func<RecordedRequest, FakeResponse?>? rest = null, IDictionary<string, string?>? settings = null, LogLevel level = LogLevel.Debug,
        string? database = null, Action<IServiceCollection>? services = null)
    {
        var fake = await FakeDiscord.StartAsync();
        var run = new DiscordBotRun(fake, new CapturingLoggerProvider());
        fake.Rest = r => rest?.Invoke(r) ?? run.Default(r);
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = database ?? await PostgresFixture.CreateDatabaseAsync(),
            ["Urls"] = "http://127.0.0.1:0",
            ["Discord:BotToken"] = Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
            ["Logging:LogLevel:Bot"] = level.ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        run.App = Bot.Host.Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders().AddProvider(run.Logs).SetMinimumLevel(level);
            builder.Services.AddSingleton<TimeProvider>(run.Clock);
            builder.Services.AddSeenEvents(run.Seen);
            services?.Invoke(builder.Services);
        });
        await run.App.StartAsync();
        run.Gateway = await fake.NextConnectionAsync(TimeSpan.FromSeconds(30));
        await fake.WaitForAsync("PUT", "/applications/800/commands", timeout: TimeSpan.FromSeconds(30));
        return run;
    }

    /// <summary>The id the fake gave the message <paramref name="posted"/> created.</summary>
    public string IdOf(RecordedRequest posted) => _ids[posted];

    public Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1) => Fake.WaitForAsync(match, count);

    /// <summary>A message the bot posted in <paramref name="channel"/> containing <paramref name="text"/>.</summary>
    public Task<RecordedRequest> PostedAsync(string channel, string text) =>
        Fake.WaitForAsync(r => r.Method == "POST" && r.Path == $"/channels/{channel}/messages" && Content(r).Contains(text, StringComparison.Ordinal));

    /// <summary>The first answer to interaction <paramref name="id"/> with text: its response, the edit of its deferred message, or a follow-up.</summary>
    public Task<RecordedRequest> AnswerAsync(string id, string token) =>
        Fake.WaitForAsync(r => r.Path.StartsWith($"/interactions/{id}/{token}/callback", StringComparison.Ordinal) && Content(r).Length > 0
            || (r.Path.StartsWith($"/webhooks/800/{token}", StringComparison.Ordinal) && r.Method != "DELETE" && Content(r).Length > 0));

    /// <summary>Waits until the timer <paramref name="feature"/>:<paramref name="key"/> is in the Quartz store (scheduling is an action, run after its batch commits).</summary>
    public async Task WaitForTimerAsync(string feature, string key)
    {
        var scheduler = await App.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (await scheduler.GetJobDetail(TimerScheduler.KeyOf(feature, key)) is null)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Timer {feature}:{key} was never scheduled.");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Moves the clock on by <paramref name="by"/>, firing every timer due by then at its own time.</summary>
    public Task<int> AdvanceAsync(TimeSpan by) =>
        App.Services.GetRequiredService<TimerSweep>().FireDueAsync(Clock.GetUtcNow() + by, Clock.AdvanceTo, CancellationToken.None);

    public static string Content(RecordedRequest request) =>
        (string?)request.Payload?["content"] ?? (string?)request.Payload?["data"]?["content"] ?? string.Empty;

    /// <summary>Whether the answer is private: an ephemeral response or follow-up, or the edit of a privately deferred one.</summary>
    public bool IsPrivate(RecordedRequest answer)
    {
        var flags = (int?)answer.Payload?["flags"] ?? (int?)answer.Payload?["data"]?["flags"];
        if (answer.Method == "PATCH")
        {
            var token = answer.Path.Split('/')[3];
            flags = Fake.Requests.Where(r => r.Path.EndsWith($"/{token}/callback", StringComparison.Ordinal))
                .Select(r => (int?)r.Json?["data"]?["flags"]).FirstOrDefault();
        }

        return ((flags ?? 0) & 64) != 0;
    }

    /// <summary>A slash command <c>/name</c> typed by <paramref name="user"/> in <paramref name="channel"/>; its token is <c>tok{id}</c>.</summary>
    public static string Slash(string id, string guild, string channel, string user, string name, string options = "[]") => $$$"""
        {"id":"{{{id}}}","application_id":"800","type":2,"token":"tok{{{id}}}","guild_id":"{{{guild}}}","channel_id":"{{{channel}}}",
         "member":{"user":{"id":"{{{user}}}","username":"u{{{user}}}"},"roles":[],"permissions":"0"},
         "data":{"id":"1","name":"{{{name}}}","type":1,"options":{{{options}}}}}
        """;

    /// <summary>A press by <paramref name="user"/> of the button <paramref name="data"/> on message <paramref name="message"/>; its token is <c>tok{id}</c>.</summary>
    public static string Press(string id, string guild, string channel, string user, string message, string data) => $$$"""
        {"id":"{{{id}}}","application_id":"800","type":3,"token":"tok{{{id}}}","guild_id":"{{{guild}}}","channel_id":"{{{channel}}}",
         "member":{"user":{"id":"{{{user}}}","username":"u{{{user}}}"},"roles":[],"permissions":"0"},
         "message":{"id":"{{{message}}}","channel_id":"{{{channel}}}"},"data":{"custom_id":"{{{data}}}","component_type":2}}
        """;

    /// <summary>A message <paramref name="user"/> wrote in <paramref name="channel"/>.</summary>
    public static string Message(string id, string guild, string channel, string user, string content) => $$$"""
        {"id":"{{{id}}}","channel_id":"{{{channel}}}","guild_id":"{{{guild}}}","content":"{{{content}}}","timestamp":"2026-11-25T08:00:00+00:00",
         "author":{"id":"{{{user}}}","username":"u{{{user}}}"},"member":{"roles":[]}}
        """;

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
            await Fake.DisposeAsync();
        }

        Assert.DoesNotContain(Token, Logs.All, StringComparison.Ordinal);
    }

    private FakeResponse? Default(RecordedRequest request)
    {
        if (request.Method == "GET" && request.Path.StartsWith("/guilds/", StringComparison.Ordinal) && request.Path.EndsWith("/invites", StringComparison.Ordinal))
        {
            return new FakeResponse(200, "[]");
        }

        if (request.Method != "POST" || !request.Path.StartsWith("/channels/", StringComparison.Ordinal) || !request.Path.EndsWith("/messages", StringComparison.Ordinal))
        {
            return null;
        }

        var id = _ids[request] = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        return new FakeResponse(200, $$"""{"id":"{{id}}","channel_id":"{{request.Path.Split('/')[2]}}"}""");
    }
}
