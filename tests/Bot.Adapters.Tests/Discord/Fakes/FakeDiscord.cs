using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord.Fakes;

/// <summary>A request the fake REST API received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public JsonNode? Json => Body.TrimStart() is ['{' or '[', ..] ? JsonNode.Parse(Body) : null;

    /// <summary>The JSON of the request: its body, or with a file its multipart <c>payload_json</c> part.</summary>
    public JsonNode? Payload => Json ?? MultipartJson();

    private JsonNode? MultipartJson()
    {
        var part = Body.IndexOf("name=payload_json", StringComparison.Ordinal);
        if (part < 0)
        {
            return null;
        }

        var start = Body.IndexOf("\r\n\r\n", part, StringComparison.Ordinal) + 4;
        var end = Body.IndexOf("\r\n--", start, StringComparison.Ordinal);
        return JsonNode.Parse(Body[start..end]);
    }
}

public sealed record FakeResponse(int Status, string Body = "{}", IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A loopback Discord: a WebSocket gateway that speaks the v10 protocol (hello, heartbeat ACKs, READY,
/// RESUMED) and a REST API that records requests and answers with what the test decides.
/// </summary>
public sealed class FakeDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private readonly ConcurrentQueue<RecordedRequest> _cdnRequests = new();
    private TaskCompletionSource _recorded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeDiscord(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public int HeartbeatIntervalMs { get; set; } = 45_000;

    public bool AckHeartbeats { get; set; } = true;

    public int ConnectionCount { get; private set; }

    /// <summary>Answers REST requests other than <c>GET /gateway/bot</c>; null falls back to 200 <c>{"id":"1"}</c>.</summary>
    public Func<RecordedRequest, FakeResponse?> Rest { get; set; } = _ => null;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Downloads from the fake CDN (<c>/attachments/…</c>), recorded apart from the REST API.</summary>
    public IReadOnlyList<RecordedRequest> CdnRequests => [.. _cdnRequests];

    /// <summary>Serves <paramref name="content"/> at <c>/attachments/{channel}/{id}/{name}</c>, as Discord's CDN does; returns its URL.</summary>
    public string ServeAttachment(string channel, string id, string name, byte[] content)
    {
        var path = $"/attachments/{channel}/{id}/{name}";
        _files[path] = content;
        return BaseUrl + path + "?ex=1&is=2&hm=signed";
    }

    /// <summary>The <paramref name="count"/>th request matching <paramref name="match"/>, waiting (without polling) until it arrives.</summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var next = Volatile.Read(ref _recorded).Task;
            var matching = Requests.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching request (x{count}); saw: {string.Join(", ", Requests.Select(r => r.Method + " " + r.Path))}");
            }
        }
    }

    public Task<RecordedRequest> WaitForAsync(string method, string path, int count = 1, TimeSpan? timeout = null) =>
        WaitForAsync(r => r.Method == method && r.Path == path, count, timeout);

    public static async Task<FakeDiscord> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Map("/gateway", fake.GatewayAsync);
        app.Map("/api/v10/{**path}", fake.RestAsync);
        app.MapGet("/attachments/{**path}", fake.CdnAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public Uri GatewayUrl => new(BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway");

    public async Task<FakeGatewayConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _connections.Reader.ReadAsync(cts.Token);
    }

    private async Task GatewayAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        ConnectionCount++;
        var connection = new FakeGatewayConnection(socket, this);
        await _connections.Writer.WriteAsync(connection);
        await connection.RunAsync(context.RequestAborted);
    }

    private async Task RestAsync(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value!["/api/v10".Length..];
        var request = new RecordedRequest(context.Request.Method, path, headers, body, DateTimeOffset.UtcNow);
        var response = path == "/gateway/bot"
            ? new FakeResponse(200, $$$"""{"url":"{{{GatewayUrl}}}","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":1000,"max_concurrency":1}}""")
            : Rest(request) ?? new FakeResponse(200, """{"id":"1","channel_id":"1"}""");
        // Recorded once its answer is decided, so a test that sees the request can rely on what the fake answered.
        _requests.Enqueue(request);
        Interlocked.Exchange(ref _recorded, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.Body);
    }

    private async Task CdnAsync(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _cdnRequests.Enqueue(new RecordedRequest("GET", context.Request.Path.Value!, headers, string.Empty, DateTimeOffset.UtcNow));
        if (!_files.TryGetValue(context.Request.Path.Value!, out var content))
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(content);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One client connection to the fake gateway.</summary>
    public sealed class FakeGatewayConnection(WebSocket socket, FakeDiscord server)
    {
        private readonly Channel<JsonObject> _received = Channel.CreateUnbounded<JsonObject>();
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _abort = new();
        private long _sequence;

        public List<JsonObject> All { get; } = [];

        internal async Task RunAsync(CancellationToken aborted)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _abort.Token);
            try
            {
                await SendRawAsync($$$"""{"op":10,"d":{"heartbeat_interval":{{{server.HeartbeatIntervalMs}}}}}""");
                var buffer = new byte[64 * 1024];
                while (socket.State == WebSocketState.Open)
                {
                    var text = new StringBuilder();
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer, linked.Token);
                        text.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    var frame = JsonNode.Parse(text.ToString())!.AsObject();
                    lock (All)
                    {
                        All.Add(frame);
                    }

                    await _received.Writer.WriteAsync(frame, CancellationToken.None);
                    await RespondAsync(frame);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
            finally
            {
                _received.Writer.TryComplete();
                _closed.TrySetResult();
            }
        }

        public long LastSequence => Interlocked.Read(ref _sequence);

        public async Task<JsonObject> NextAsync(int op, TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                var frame = await _received.Reader.ReadAsync(cts.Token);
                if ((int)frame["op"]! == op)
                {
                    return frame;
                }
            }
        }

        public int Count(int op)
        {
            lock (All)
            {
                return All.Count(f => (int)f["op"]! == op);
            }
        }

        /// <summary>
        /// Asks the client for a heartbeat (op 1) and waits until one reports the last sequence sent: the client has taken
        /// every dispatch sent before (a shard reads its frames in order and counts a dispatch once its queue holds it).
        /// </summary>
        public async Task AllTakenAsync()
        {
            var last = LastSequence;
            await SendRawAsync("""{"op":1,"d":null}""");
            while ((long?)(await NextAsync(1))["d"] != last)
            {
            }
        }

        public Task DispatchAsync(string type, string json) =>
            SendRawAsync($$"""{"op":0,"t":"{{type}}","s":{{Interlocked.Increment(ref _sequence)}},"d":{{json}}}""");

        public async Task SendRawAsync(string text)
        {
            await _sendLock.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        public async Task CloseAsync(int code, string reason)
        {
            await _sendLock.WaitAsync();
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }

            await _closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }

        /// <summary>Drops the TCP connection without a close frame, like a network failure.</summary>
        public async Task DropAsync()
        {
            socket.Abort();
            await _abort.CancelAsync();
            await _closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }

        public Task Closed => _closed.Task;

        private async Task RespondAsync(JsonObject frame)
        {
            switch ((int)frame["op"]!)
            {
                case 1 when server.AckHeartbeats:
                    await SendRawAsync("""{"op":11}""");
                    break;
                case 2:
                    var ready = $$"""{"v":10,"user":{"id":"900","username":"bot","bot":true},"session_id":"session-1","resume_gateway_url":"{{server.GatewayUrl}}","application":{"id":"800"},"guilds":[]}""";
                    await DispatchAsync("READY", ready);
                    break;
                case 6:
                    Interlocked.Exchange(ref _sequence, (long)frame["d"]!["seq"]!);
                    await DispatchAsync("RESUMED", "{}");
                    break;
            }
        }
    }
}
