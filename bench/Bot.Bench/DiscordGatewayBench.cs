using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// <c>discord-gateway [messages=20000] [batch=1,300]</c>: the whole bot (real Discord adapter, one shard, pipeline, throwaway
/// PostgreSQL) reads MESSAGE_CREATE dispatches from a loopback gateway, once per <c>Discord:MaxBatch</c> given (1 is one
/// transaction per dispatch, as before batching). Timed from the first dispatch sent until the last one's event is committed
/// (a shard commits in order, so every one before it is too). Prints updates/s and the transactions it took.
/// </summary>
public sealed class DiscordGatewayBench : IBenchVerb
{
    private const string Token = "MTIzNDU2.bench-loopback-token.VALUE";

    public string Name => "discord-gateway";

    public string Description => "updates/s committed through the real Discord adapter from a loopback gateway (20,000 messages), batch max 1 and 300";

    public async Task RunAsync(string[] args)
    {
        var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var total = int.Parse(options.GetValueOrDefault("messages", "20000"), CultureInfo.InvariantCulture);
        foreach (var batch in options.GetValueOrDefault("batch", "1,300").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)))
        {
            await RunOnceAsync(total, batch);
        }
    }

    private static async Task RunOnceAsync(int total, int maxBatch)
    {
        await using var gateway = await LoopbackGateway.StartAsync();
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using var bot = BenchBot.Build(connectionString, new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = Token,
            ["Discord:ApiBaseUrl"] = gateway.BaseUrl + "/api/v10",
            ["Discord:MaxBatch"] = maxBatch.ToString(CultureInfo.InvariantCulture),
        });
        await bot.StartAsync();
        await gateway.Ready.WaitAsync(TimeSpan.FromMinutes(1));
        await gateway.SendAsync("GUILD_CREATE", """{"id":"10","name":"Bench","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0}]}""");

        // Warm-up (JIT, pools, the community row), then the measured run.
        await using var data = NpgsqlDataSource.Create(connectionString);
        await RunAsync(gateway, data, 1, 1_000);
        var (elapsed, transactions) = await RunAsync(gateway, data, 1_001, total);
        var rate = total / elapsed.TotalSeconds;
        Console.WriteLine($"Discord:MaxBatch={maxBatch}: {total:N0} messages committed in {elapsed.TotalMilliseconds:N0} ms: {rate:N0} updates/s, "
            + $"{transactions:N0} transactions ({total / (double)Math.Max(1, transactions):N1} messages each)");
        await bot.StopAsync();
    }

    /// <summary>Sends messages <paramref name="first"/>.. and waits until the last one is committed; returns the time and the transactions.</summary>
    private static async Task<(TimeSpan Elapsed, long Transactions)> RunAsync(LoopbackGateway gateway, NpgsqlDataSource data, long first, int count)
    {
        var last = $"dc:msg:{first + count - 1}";
        var started = Stopwatch.GetTimestamp();
        for (var id = first; id < first + count; id++)
        {
            // Fifty members in five channels.
            await gateway.SendAsync("MESSAGE_CREATE", $$$"""
                {"id":"{{{id}}}","channel_id":"{{{20 + (id % 5)}}}","guild_id":"10","content":"hello everyone, 大家好 — message {{{id}}}","timestamp":"2026-11-25T08:00:00+00:00","author":{"id":"{{{100 + (id % 50)}}}","username":"u{{{id % 50}}}"},"member":{"roles":[]}}
                """);
        }

        var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
        while (await ScalarAsync(data, $"select count(*) from processed_events where event_id = '{last}'") == 0)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{last} was not committed in 10 minutes.");
            }

            await Task.Delay(5);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        // processed_at is the transaction's start time (now()): one value per transaction.
        var measured = $"from processed_events where event_id like 'dc:msg:%' and substr(event_id, 8)::bigint between {first} and {first + count - 1}";
        var committed = await ScalarAsync(data, "select count(*) " + measured);
        if (committed != count)
        {
            throw new InvalidOperationException($"{committed} of {count} messages were committed.");
        }

        return (elapsed, await ScalarAsync(data, "select count(distinct processed_at) " + measured));
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Just enough of Discord for one shard: <c>GET /gateway/bot</c>, the gateway's hello, READY on identify and heartbeat ACKs,
    /// and any other REST call answered 200 (no invites, commands registered).
    /// </summary>
    private sealed class LoopbackGateway : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly SemaphoreSlim _sending = new(1, 1);
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebSocket? _socket;
        private long _sequence;

        private LoopbackGateway(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = string.Empty;

        public Task Ready => _ready.Task;

        public static async Task<LoopbackGateway> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var gateway = new LoopbackGateway(app);
            app.UseWebSockets();
            app.Map("/gateway", gateway.ConnectAsync);
            app.Map("/api/v10/{**path}", gateway.RestAsync);
            await app.StartAsync();
            gateway.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return gateway;
        }

        public Task SendAsync(string type, string json) =>
            SendRawAsync($$"""{"op":0,"t":"{{type}}","s":{{Interlocked.Increment(ref _sequence)}},"d":{{json}}}""");

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private async Task SendRawAsync(string text)
        {
            await _sending.WaitAsync();
            try
            {
                await _socket!.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }

        private async Task RestAsync(HttpContext http, string path)
        {
            http.Response.ContentType = "application/json";
            var body = path switch
            {
                "gateway/bot" => $$$"""{"url":"{{{BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}}}/gateway","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":1000,"max_concurrency":1}}""",
                _ when http.Request.Method == "GET" && path.EndsWith("/invites", StringComparison.Ordinal) => "[]",
                _ when http.Request.Method == "PUT" && path.EndsWith("/commands", StringComparison.Ordinal) => "[]",
                _ => """{"id":"1","channel_id":"1"}""",
            };
            await http.Response.WriteAsync(body, http.RequestAborted);
        }

        private async Task ConnectAsync(HttpContext http)
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            _socket = socket;
            // Ten minutes: a heartbeat ACK queued behind thousands of dispatches a slow consumer has not read yet would arrive
            // after Discord's 45 s, and the shard would take the connection for a zombie and leave (this fake does not resume).
            await SendRawAsync("""{"op":10,"d":{"heartbeat_interval":600000}}""");
            var buffer = new byte[64 * 1024];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    using var frame = new MemoryStream();
                    WebSocketReceiveResult received;
                    do
                    {
                        received = await socket.ReceiveAsync(buffer, http.RequestAborted);
                        frame.Write(buffer, 0, received.Count);
                    }
                    while (!received.EndOfMessage);

                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    using var json = JsonDocument.Parse(frame.ToArray());
                    switch (json.RootElement.GetProperty("op").GetInt32())
                    {
                        case 1:
                            await SendRawAsync("""{"op":11}""");
                            break;
                        case 2:
                            await SendAsync("READY", """{"v":10,"user":{"id":"900","username":"bot","bot":true},"session_id":"bench","resume_gateway_url":"ws://127.0.0.1:1","application":{"id":"800"},"guilds":[]}""");
                            _ready.TrySetResult();
                            break;
                    }
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The bot stopped.
            }
        }
    }
}
