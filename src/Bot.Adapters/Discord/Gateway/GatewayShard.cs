using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Bot.Adapters.Discord.Json;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Gateway;

/// <summary>
/// Receives dispatches on the receive loop; must return quickly (heartbeat ACKs arrive on the same loop) unless its
/// queue is full: then the loop waits (back-pressure), and the dispatch's sequence is not counted as received until it
/// is taken, so a resume after a reconnect asks Discord for it again.
/// </summary>
internal interface IGatewaySink
{
    ValueTask OnDispatchAsync(GatewayShard shard, string type, long sequence, JsonElement data, CancellationToken ct);
}

/// <summary>
/// One gateway connection (one shard): hello, jittered heartbeats, identify or resume, dispatches,
/// zombie detection, op 7/op 9, and close codes that must stop the bot rather than reconnect.
/// </summary>
internal sealed partial class GatewayShard(
    int shardId, int shardCount, DiscordOptions options, IdentifyGate identifyGate, IGatewaySink sink, TimeProvider time, ILogger logger)
{
    private static readonly DiscordJsonContext Ctx = DiscordJsonContext.Default;

    private string? _sessionId;
    private Uri? _resumeUrl;
    private long? _sequence;
    private volatile bool _acknowledged;
    private bool _healthy;
    private bool _restored;

    public int ShardId => shardId;

    public int ShardCount => shardCount;

    /// <summary>The current session; with a dispatch's sequence it names events that carry no id of their own.</summary>
    public string? SessionId => _sessionId;

    /// <summary>Where the current session resumes; saved with the committed sequence so a restarted process can resume it.</summary>
    public Uri? ResumeUrl => _resumeUrl;

    /// <summary>Before <see cref="RunAsync"/>: the first connection resumes this session (saved by a process that stopped) instead of identifying.</summary>
    public void Restore(SavedGatewaySession saved)
    {
        (_sessionId, _resumeUrl, _sequence, _restored) = (saved.SessionId, new Uri(saved.ResumeUrl), saved.Sequence, true);
    }

    /// <summary>Connects and reconnects until cancelled; throws <see cref="DiscordGatewayFatalException"/> when Discord refuses for good.</summary>
    public async Task RunAsync(Uri gatewayUrl, CancellationToken ct)
    {
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            _healthy = false;
            try
            {
                await ConnectOnceAsync(gatewayUrl, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or InvalidDataException or JsonException)
            {
                LogConnectionLost(shardId, ex.GetType().Name, ex.Message);
            }

            // A connection that never got READY/RESUMED backs off exponentially, so a refusing gateway sees no storm.
            failures = _healthy ? 0 : failures + 1;
            if (failures > 0)
            {
                var seconds = Math.Min(Math.Pow(2, failures - 1), 60) * (0.5 + (Random.Shared.NextDouble() / 2));
                await Task.Delay(TimeSpan.FromSeconds(seconds), time, ct);
            }
        }
    }

    private async Task ConnectOnceAsync(Uri gatewayUrl, CancellationToken ct)
    {
        var resuming = _sessionId is not null && _sequence is not null && _resumeUrl is not null;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(WithQuery(resuming ? _resumeUrl! : gatewayUrl), ct);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var limiter = new SendLimiter(time);
        var sendLock = new SemaphoreSlim(1, 1);
        Task? heartbeat = null;
        try
        {
            var hello = await ReceiveFrameAsync(socket, connection.Token) ?? throw Closed(socket);
            if (hello.Op != GatewayOp.Hello || hello.D is not { } helloData)
            {
                throw new InvalidDataException($"Expected hello (op 10), got op {hello.Op}.");
            }

            var interval = TimeSpan.FromMilliseconds(helloData.Deserialize(Ctx.HelloData)!.HeartbeatInterval);
            _acknowledged = true;
            heartbeat = HeartbeatLoopAsync(socket, limiter, sendLock, interval, connection);
            if (resuming)
            {
                LogResuming(shardId, _sequence!.Value);
                var resume = new ResumeData(options.BotToken, _sessionId!, _sequence!.Value);
                await SendAsync(socket, limiter, sendLock, Frame(GatewayOp.Resume, JsonSerializer.SerializeToElement(resume, Ctx.ResumeData)), connection.Token);
            }
            else
            {
                await identifyGate.WaitAsync(shardId, connection.Token);
                var identify = new IdentifyData(
                    options.BotToken, (long)GatewayIntents.Bot, new IdentifyProperties(Environment.OSVersion.Platform.ToString(), "communitybot", "communitybot"), [shardId, shardCount]);
                await SendAsync(socket, limiter, sendLock, Frame(GatewayOp.Identify, JsonSerializer.SerializeToElement(identify, Ctx.IdentifyData)), connection.Token);
            }

            while (true)
            {
                GatewayFrame? frame;
                try
                {
                    frame = await ReceiveFrameAsync(socket, connection.Token);
                }
                catch (JsonException ex)
                {
                    LogMalformed(shardId, ex.Message);
                    continue;
                }

                if (frame is null)
                {
                    throw Closed(socket);
                }

                if (!await HandleAsync(frame, socket, limiter, sendLock, connection.Token))
                {
                    return;
                }
            }
        }
        finally
        {
            await connection.CancelAsync();
            if (heartbeat is not null)
            {
                await heartbeat.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await CloseQuietlyAsync(socket);
        }
    }

    /// <summary>Returns false when the connection should be dropped and re-established.</summary>
    private async Task<bool> HandleAsync(GatewayFrame frame, ClientWebSocket socket, SendLimiter limiter, SemaphoreSlim sendLock, CancellationToken ct)
    {
        switch (frame.Op)
        {
            case GatewayOp.Dispatch when frame.T is { } type && frame.D is { } data:
                if (type == "READY")
                {
                    var ready = data.Deserialize(Ctx.ReadyData)!;
                    (_sessionId, _resumeUrl, _healthy, _restored) = (ready.SessionId, new Uri(ready.ResumeGatewayUrl), true, false);
                    LogReady(shardId, shardCount);
                }
                else if (type == "RESUMED")
                {
                    (_healthy, _restored) = (true, false);
                    LogResumed(shardId);
                }

                try
                {
                    await sink.OnDispatchAsync(this, type, frame.S ?? 0, data, ct);
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
                {
                    LogMalformed(shardId, $"{type}: {ex.Message}");
                }

                _sequence = frame.S ?? _sequence;
                return true;
            case GatewayOp.Heartbeat:
                await SendAsync(socket, limiter, sendLock, HeartbeatFrame(), ct);
                return true;
            case GatewayOp.HeartbeatAck:
                _acknowledged = true;
                return true;
            case GatewayOp.Reconnect:
                LogReconnectRequested(shardId);
                return false;
            case GatewayOp.InvalidSession:
                var resumable = frame.D is { ValueKind: JsonValueKind.True };
                LogInvalidSession(shardId, resumable);
                if (!resumable)
                {
                    if (_restored)
                    {
                        LogSavedSessionRefused(shardId, _sequence ?? 0);
                    }

                    (_sessionId, _sequence, _resumeUrl, _restored) = (null, null, null, false);
                    await Task.Delay(TimeSpan.FromSeconds(1 + (Random.Shared.NextDouble() * 4)), time, ct);
                }

                return false;
            default:
                return true;
        }
    }

    private async Task HeartbeatLoopAsync(ClientWebSocket socket, SendLimiter limiter, SemaphoreSlim sendLock, TimeSpan interval, CancellationTokenSource connection)
    {
        var ct = connection.Token;
        try
        {
            // The first beat is jittered so that many shards reconnecting at once do not beat in step.
            await Task.Delay(interval * Random.Shared.NextDouble(), time, ct);
            while (!ct.IsCancellationRequested)
            {
                if (!_acknowledged)
                {
                    LogZombie(shardId);
                    await connection.CancelAsync();
                    return;
                }

                _acknowledged = false;
                await SendAsync(socket, limiter, sendLock, HeartbeatFrame(), ct);
                await Task.Delay(interval, time, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection ended; the receive loop reports why.
        }
    }

    private byte[] HeartbeatFrame() =>
        Encoding.UTF8.GetBytes($"{{\"op\":1,\"d\":{(_sequence is { } s ? s.ToString(CultureInfo.InvariantCulture) : "null")}}}");

    private static byte[] Frame(int op, JsonElement data) =>
        JsonSerializer.SerializeToUtf8Bytes(new GatewayFrame(op, data), Ctx.GatewayFrame);

    private static async Task SendAsync(ClientWebSocket socket, SendLimiter limiter, SemaphoreSlim sendLock, byte[] payload, CancellationToken ct)
    {
        await limiter.WaitAsync(ct);
        await sendLock.WaitAsync(ct);
        try
        {
            await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>The next whole frame, or null when the server closed the connection.</summary>
    private static async Task<GatewayFrame?> ReceiveFrameAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize(buffer.WrittenSpan, Ctx.GatewayFrame)
                    ?? throw new JsonException("A gateway frame was null.");
            }
        }
    }

    private Exception Closed(ClientWebSocket socket)
    {
        var code = (int?)socket.CloseStatus ?? 0;
        if (GatewayCloseCodes.FatalReason(code) is { } reason)
        {
            return new DiscordGatewayFatalException(code, reason);
        }

        if (GatewayCloseCodes.EndsSession(code))
        {
            (_sessionId, _sequence, _resumeUrl) = (null, null, null);
        }

        return new WebSocketException($"Gateway closed the connection with code {code}.");
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        // A non-1000 code keeps the session resumable; a dead peer must not hold us up.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)4000, "reconnecting", timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    private static Uri WithQuery(Uri url) => new UriBuilder(url) { Query = "v=10&encoding=json" }.Uri;

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord shard {ShardId}/{ShardCount} ready")]
    private partial void LogReady(int shardId, int shardCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord shard {ShardId} resuming from sequence {Sequence}")]
    private partial void LogResuming(int shardId, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord shard {ShardId} resumed")]
    private partial void LogResumed(int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId} connection lost ({Error}: {Reason}); reconnecting")]
    private partial void LogConnectionLost(int shardId, string error, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: no heartbeat ACK since the last beat (zombie connection); reconnecting")]
    private partial void LogZombie(int shardId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord shard {ShardId}: the gateway asked to reconnect (op 7)")]
    private partial void LogReconnectRequested(int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: invalid session (op 9, resumable {Resumable})")]
    private partial void LogInvalidSession(int shardId, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: Discord refused to resume the saved session (op 9); identifying afresh. Dispatches after sequence {Sequence} that were not committed, and what was sent while the bot was down, may be lost")]
    private partial void LogSavedSessionRefused(int shardId, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: skipped a malformed gateway payload: {Reason}")]
    private partial void LogMalformed(int shardId, string reason);
}
