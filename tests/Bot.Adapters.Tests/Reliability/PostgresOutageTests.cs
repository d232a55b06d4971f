using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Adapters.Tests.Telegram;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>The whole bot polling Telegram while its own PostgreSQL is stopped and started again under it.</summary>
public sealed class PostgresOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly JsonObject Bob = User(8, "Bob");
    private FakeBotApi _api = null!;
    private RestartablePostgres _postgres = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.SetAdmins(Group, (7, "creator"), (42, "administrator"));
        _postgres = await RestartablePostgres.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Postgres_stopped_mid_stream_loses_nothing_repeats_nothing_and_the_bot_resumes_within_10_seconds()
    {
        await using var bot = await TelegramBotRun.StartAsync(_api, _postgres.ConnectionString);
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        Spam(0, 20);
        await _api.WaitForAsync("deleteMessage", count: 20);

        await _postgres.StopAsync();
        Spam(20, 20);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var duringOutage = await http.GetStringAsync("/healthz");
        Assert.Equal(20, _api.CallsTo("deleteMessage").Count);

        var starting = Stopwatch.StartNew();
        await _postgres.StartAgainAsync();
        var startup = starting.Elapsed;
        var accepting = Stopwatch.StartNew();
        await _api.WaitForAsync("deleteMessage", c => c.Number("message_id") >= 120, seconds: 10);
        var recovery = accepting.Elapsed;
        Spam(40, 20);
        await _api.WaitForAsync("deleteMessage", count: 60, seconds: 30);
        await _api.WaitUntilConfirmedAsync();
        foreach (var line in bot.Logs.Lines.Where(l => l.Contains("outbox", StringComparison.OrdinalIgnoreCase) || l.Contains("database", StringComparison.OrdinalIgnoreCase)).Take(40))
        {
            output.WriteLine(line);
        }

        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from outbox where done_at is null") == 0, () => Sql.ScalarAsync<string>(Unpooled,
            "select string_agg(concat_ws(' ', id, action->>'$action', attempts, lease_owner is not null, lease_until > now(), last_error), '; ') from outbox where done_at is null"));
        var afterwards = await http.GetStringAsync("/healthz");
        var stoppedByItself = bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
        await bot.StopAsync();

        output.WriteLine($"PostgreSQL took {startup.TotalSeconds:0.00} s to start again (crash recovery); the first action after it accepted connections came {recovery.TotalSeconds:0.00} s later");
        Assert.Equal("Degraded", duringOutage);
        Assert.Equal("Healthy", afterwards);
        Assert.False(stoppedByItself);
        var deleted = _api.CallsTo("deleteMessage").Select(c => (int)c.Number("message_id")!.Value).Order().ToList();
        Assert.Equal(Enumerable.Range(100, 60), deleted);
        Assert.Equal(60, await ScalarAsync("select count(*) from processed_events where event_id like 'tg:%'"));
    }

    private void Spam(int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            _api.Enqueue(MessageUpdate(1000 + i, Message(100 + i, Group, Bob, $"{TelegramBotRun.SpamWord} #{i}")));
        }
    }

    // The test's own look-ups must not borrow a pooled connection the outage broke (the bot's pool is in this process).
    private string Unpooled => _postgres.ConnectionString + ";Pooling=false";

    private Task<long> ScalarAsync(string sql) => Sql.ScalarAsync<long>(Unpooled, sql);
}
