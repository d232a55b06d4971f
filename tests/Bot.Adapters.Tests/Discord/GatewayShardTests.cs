using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Adapters.Discord;
using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Tests.Discord.Fakes;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord;

public sealed class GatewayShardTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly RecordingSink _sink = new();
    private CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private FakeDiscord _fake = null!;
    private Task _run = Task.CompletedTask;

    public async Task InitializeAsync() => _fake = await FakeDiscord.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _fake.DisposeAsync();
        Assert.DoesNotContain(DiscordTestServices.Token, _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identify_carries_token_intents_and_shard()
    {
        StartShard(shardId: 1, shardCount: 2);
        var connection = await _fake.NextConnectionAsync();
        var identify = (await connection.NextAsync(GatewayOp.Identify))["d"]!;

        Assert.Equal(DiscordTestServices.Token, (string)identify["token"]!);
        var intents = (long)identify["intents"]!;
        Assert.NotEqual(0, intents & (1 << 1));  // GUILD_MEMBERS (privileged)
        Assert.NotEqual(0, intents & (1 << 15)); // MESSAGE_CONTENT (privileged)
        Assert.NotEqual(0, intents & (1 << 9));  // GUILD_MESSAGES
        Assert.NotEqual(0, intents & (1 << 6));  // GUILD_INVITES
        Assert.Equal(0, intents & (1 << 8));     // no GUILD_PRESENCES: not needed, privileged
        Assert.Equal([1, 2], identify["shard"]!.AsArray().Select(n => (int)n!));
    }

    [Fact]
    public async Task Heartbeats_carry_the_last_sequence()
    {
        _fake.HeartbeatIntervalMs = 150;
        StartShard();
        var connection = await _fake.NextConnectionAsync();
        await connection.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");
        await connection.DispatchAsync("TYPING_START", "{}");

        // The first beat is jittered within the interval; beats then keep coming with the latest sequence.
        var beats = new List<JsonNode?>();
        while (beats.Count < 3)
        {
            beats.Add((await connection.NextAsync(GatewayOp.Heartbeat))["d"]);
        }

        Assert.Equal(connection.LastSequence, (long)beats[^1]!);
    }

    [Fact]
    public async Task A_dropped_connection_resumes_from_the_last_sequence_without_identifying()
    {
        StartShard();
        var first = await _fake.NextConnectionAsync();
        await first.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");
        await first.DispatchAsync("MESSAGE_DELETE", """{"id":"5","channel_id":"6","guild_id":"7"}""");
        await _sink.WaitForAsync("MESSAGE_DELETE");
        var lastSequence = first.LastSequence;

        await first.DropAsync();
        var second = await _fake.NextConnectionAsync();
        var resume = (await second.NextAsync(GatewayOp.Resume))["d"]!;

        Assert.Equal("session-1", (string)resume["session_id"]!);
        Assert.Equal(lastSequence, (long)resume["seq"]!);
        await _sink.WaitForAsync("RESUMED");
        Assert.Equal(0, second.Count(GatewayOp.Identify));
    }

    [Fact]
    public async Task Missing_heartbeat_ack_is_a_zombie_and_resumes()
    {
        _fake.HeartbeatIntervalMs = 200;
        _fake.AckHeartbeats = false;
        StartShard();
        var first = await _fake.NextConnectionAsync();
        await first.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");

        var second = await _fake.NextConnectionAsync();
        await second.NextAsync(GatewayOp.Resume);
        Assert.Contains("zombie", _logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Op7_reconnects_and_resumes()
    {
        StartShard();
        var first = await _fake.NextConnectionAsync();
        await first.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");

        await first.SendRawAsync("""{"op":7,"d":null}""");
        var second = await _fake.NextConnectionAsync();
        await second.NextAsync(GatewayOp.Resume);
    }

    [Fact]
    public async Task Close_4004_stops_with_a_clear_error_and_no_retry()
    {
        StartShard();
        var connection = await _fake.NextConnectionAsync();
        await connection.NextAsync(GatewayOp.Identify);
        await connection.CloseAsync(4004, "Authentication failed.");

        var error = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => _run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(4004, error.CloseCode);
        Assert.Contains("Discord:BotToken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DiscordTestServices.Token, error.Message, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(1, _fake.ConnectionCount);
    }

    [Fact]
    public async Task Close_4014_names_the_privileged_intents()
    {
        StartShard();
        var connection = await _fake.NextConnectionAsync();
        await connection.NextAsync(GatewayOp.Identify);
        await connection.CloseAsync(4014, "Disallowed intent(s).");

        var error = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => _run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("Message Content Intent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_payload_is_logged_and_skipped()
    {
        StartShard();
        var connection = await _fake.NextConnectionAsync();
        await connection.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");

        await connection.SendRawAsync("{\"op\":0,\"t\":\"MESSAGE_CREATE\",\"s\":");
        await connection.DispatchAsync("MESSAGE_DELETE", """{"id":"5","channel_id":"6","guild_id":"7"}""");

        await _sink.WaitForAsync("MESSAGE_DELETE");
        Assert.Contains("malformed", _logs.All, StringComparison.Ordinal);
        Assert.Equal(1, _fake.ConnectionCount);
    }

    [Fact]
    public async Task A_restored_session_resumes_on_the_first_connection_and_gets_what_it_missed()
    {
        StartShard();
        var first = await _fake.NextConnectionAsync();
        await first.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");
        var saved = first.LastSequence;
        await _stop.CancelAsync();
        await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        _fake.Missed("session-1", "MESSAGE_DELETE", """{"id":"5","channel_id":"6","guild_id":"7"}""");

        _stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        StartShard(restore: new SavedGatewaySession("session-1", _fake.GatewayUrl.ToString(), saved, DateTimeOffset.UtcNow));
        var second = await _fake.NextConnectionAsync();
        var resume = (await second.NextAsync(GatewayOp.Resume))["d"]!;

        Assert.Equal(("session-1", saved), ((string)resume["session_id"]!, (long)resume["seq"]!));
        await _sink.WaitForAsync("MESSAGE_DELETE");
        await _sink.WaitForAsync("RESUMED");
        Assert.Equal(0, second.Count(GatewayOp.Identify));
    }

    [Fact]
    public async Task A_restored_session_Discord_no_longer_knows_gets_op9_and_identifies_afresh_saying_events_may_be_lost()
    {
        StartShard(restore: new SavedGatewaySession("session-gone", _fake.GatewayUrl.ToString(), 42, DateTimeOffset.UtcNow));
        var first = await _fake.NextConnectionAsync();
        await first.NextAsync(GatewayOp.Resume);

        var second = await _fake.NextConnectionAsync();
        await second.NextAsync(GatewayOp.Identify);
        await _sink.WaitForAsync("READY");
        Assert.Contains("refused to resume the saved session (op 9); identifying afresh", _logs.All, StringComparison.Ordinal);
        Assert.Contains("after sequence 42", _logs.All, StringComparison.Ordinal);
    }

    private void StartShard(int shardId = 0, int shardCount = 1, SavedGatewaySession? restore = null)
    {
        var options = new DiscordOptions { BotToken = DiscordTestServices.Token, ApiBaseUrl = _fake.ApiBaseUrl };
        using var factory = LoggerFactory.Create(b => b.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        var shard = new GatewayShard(shardId, shardCount, options, new IdentifyGate(TimeProvider.System), _sink, TimeProvider.System, factory.CreateLogger<GatewayShard>());
        if (restore is not null)
        {
            shard.Restore(restore);
        }

        _run = shard.RunAsync(_fake.GatewayUrl, _stop.Token);
    }

    private sealed class RecordingSink : IGatewaySink
    {
        private readonly List<string> _types = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public ValueTask OnDispatchAsync(GatewayShard shard, string type, long sequence, JsonElement data, CancellationToken ct)
        {
            lock (_types)
            {
                _types.Add(type);
            }

            _arrived.Release();
            return ValueTask.CompletedTask;
        }

        public async Task WaitForAsync(string type)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                lock (_types)
                {
                    if (_types.Remove(type))
                    {
                        return;
                    }
                }

                await _arrived.WaitAsync(cts.Token);
            }
        }
    }
}
