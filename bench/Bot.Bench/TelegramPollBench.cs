using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Bench;

/// <summary>
/// <c>telegram-poll [messages=20000]</c>: the whole bot (real Telegram adapter, polling, pipeline, throwaway PostgreSQL) reads
/// group messages from a loopback Bot API. Timed from the moment the messages are queued until getUpdates is called with an
/// offset past the last one, i.e. every update committed and confirmed. Prints updates/s and the ratio to 10,000/s.
/// </summary>
public sealed class TelegramPollBench : IBenchVerb
{
    private const string Token = "424242:BENCH-loopback-token";
    private const long Group = -1001;
    private const double Target = 10_000;

    public string Name => "telegram-poll";

    public string Description => "updates/s committed through the real Telegram adapter from a loopback Bot API (20,000 messages)";

    public async Task RunAsync(string[] args)
    {
        var total = args.Select(a => a.Split('=', 2)).Where(p => p is ["messages", _]).Select(p => int.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault(20_000);
        await using var api = await LoopbackBotApi.StartAsync();
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using var bot = BenchBot.Build(connectionString, new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:CommunityChatId"] = Group.ToString(CultureInfo.InvariantCulture),
        });
        await bot.StartAsync();

        // Warm-up (JIT, pools, the community row and admin cache), then the measured run.
        await api.RunAsync(1, 1_000);
        var calls = api.Polls;
        var elapsed = await api.RunAsync(1_001, total);
        var rate = total / elapsed.TotalSeconds;
        Console.WriteLine($"{total:N0} messages committed and confirmed in {elapsed.TotalMilliseconds:N0} ms: {rate:N0} updates/s "
            + $"({rate / Target:P0} of the 10,000/s target), {api.Polls - calls:N0} getUpdates calls");
        await bot.StopAsync();
    }

    /// <summary>Just enough of the Bot API for polling: getUpdates with confirming offsets, getMe, chat lookups; anything else is <c>true</c>.</summary>
    private sealed class LoopbackBotApi : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly WebApplication _app;
        private string[] _updates = [];
        private long _first;
        private long _confirmed;
        private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private LoopbackBotApi(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = string.Empty;

        public int Polls { get; private set; }

        public static async Task<LoopbackBotApi> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var api = new LoopbackBotApi(app);
            app.MapPost("/bot{token}/{method}", api.HandleAsync);
            await app.StartAsync();
            api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return api;
        }

        /// <summary>Queues updates <paramref name="first"/>.. and waits until getUpdates asks past the last one.</summary>
        public async Task<TimeSpan> RunAsync(long first, int count)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _updates = [.. Enumerable.Range(0, count).Select(i => Update(first + i))];
                _first = first;
                _done = done;
            }

            await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
            return Stopwatch.GetElapsedTime(started);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();

        private static string Update(long id)
        {
            var user = 100 + (id % 50);
            return $$$"""{"update_id":{{{id}}},"message":{"message_id":{{{id}}},"date":1764057600,"chat":{"id":{{{Group}}},"type":"supergroup","title":"Bench"},"from":{"id":{{{user}}},"is_bot":false,"first_name":"U{{{user}}}"},"text":"hello everyone, 大家好 — message {{{id}}}"}}""";
        }

        private async Task HandleAsync(HttpContext http, string token, string method)
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(http.RequestAborted);
            var parameters = body.Length > 0 && http.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true
                ? JsonNode.Parse(body)!.AsObject()
                : [];
            var result = method switch
            {
                "getUpdates" => await UpdatesAsync(parameters, http.RequestAborted),
                "getMe" => """{"id":424242,"is_bot":true,"first_name":"Community Bot","username":"community_bot"}""",
                "getChatAdministrators" => """[{"status":"creator","is_anonymous":false,"user":{"id":7,"is_bot":false,"first_name":"Owner"}}]""",
                "getChatMember" => """{"status":"member","user":{"id":7,"is_bot":false,"first_name":"Member"}}""",
                "getChat" => $$$"""{"id":{{{parameters["chat_id"]}}},"type":"supergroup","title":"Bench","accent_color_id":0,"max_reaction_count":11,"accepted_gift_types":{"unlimited_gifts":false,"limited_gifts":false,"unique_gifts":false,"premium_subscription":false}}""",
                "sendMessage" => $$$"""{"message_id":1,"date":1764057600,"chat":{"id":{{{parameters["chat_id"]}}},"type":"supergroup"},"text":"ok"}""",
                _ => "true",
            };
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync("{\"ok\":true,\"result\":" + result + "}", http.RequestAborted);
        }

        private async Task<string> UpdatesAsync(JsonObject parameters, CancellationToken ct)
        {
            var offset = parameters["offset"]?.GetValue<long>() ?? 0;
            var limit = parameters["limit"]?.GetValue<int>() ?? 100;
            lock (_gate)
            {
                Polls++;

                // Asking from an offset confirms every update before it.
                _confirmed = Math.Max(_confirmed, offset - 1);
                if (_updates.Length > 0 && _confirmed >= _first + _updates.Length - 1)
                {
                    _updates = [];
                    _done.TrySetResult();
                }

                var from = (int)Math.Max(0, offset - _first);
                if (from < _updates.Length)
                {
                    return "[" + string.Join(',', _updates.Skip(from).Take(limit)) + "]";
                }
            }

            // Nothing waiting: a short long poll.
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            return "[]";
        }
    }
}
