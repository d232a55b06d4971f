using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Tests.Discord.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord;

/// <summary>With <c>Discord:AllowedGuilds</c> set, the bot leaves any other guild and passes nothing of it on.</summary>
public sealed class AllowedGuildsTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly RecordingPipeline _pipeline = new();
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private FakeDiscord _fake = null!;
    private ServiceProvider _services = null!;
    private FakeDiscord.FakeGatewayConnection _gateway = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _fake = await FakeDiscord.StartAsync();
        _services = DiscordTestServices.Build(_fake, _logs, _pipeline, o => o.AllowedGuilds = ["10"]);
        var pump = _services.GetRequiredService<DiscordEventPump>();
        var shard = new GatewayShard(
            0, 1, _services.GetRequiredService<Bot.Adapters.Discord.DiscordOptions>(), new IdentifyGate(TimeProvider.System), pump,
            TimeProvider.System, _services.GetRequiredService<ILogger<GatewayShard>>());
        _running = Task.WhenAll(pump.ConsumeAsync(0, _stop.Token), shard.RunAsync(_fake.GatewayUrl, _stop.Token));
        _gateway = await _fake.NextConnectionAsync();
        await _gateway.NextAsync(GatewayOp.Identify);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task A_guild_outside_the_list_is_left_and_its_messages_ignored()
    {
        await _gateway.DispatchAsync("GUILD_CREATE", """{"id":"66","owner_id":"99","roles":[],"channels":[]}""");
        await _gateway.DispatchAsync("MESSAGE_CREATE", """{"id":"900","channel_id":"67","guild_id":"66","author":{"id":"31","username":"bob"},"content":"hello","timestamp":"2026-11-25T08:00:00+00:00"}""");
        await _gateway.DispatchAsync("MESSAGE_CREATE", """{"id":"901","channel_id":"20","guild_id":"10","author":{"id":"31","username":"bob"},"content":"hello","timestamp":"2026-11-25T08:00:00+00:00"}""");

        var allowed = await _pipeline.NextAsync<Bot.Domain.Events.MessagePosted>();

        Assert.Equal("901", allowed.MessageId);
        Assert.Single(_pipeline.Events);
        Assert.Contains(_fake.Requests, r => r.Method == "DELETE" && r.Path == "/users/@me/guilds/66");
        Assert.Contains("not in Discord:AllowedGuilds", _logs.All, StringComparison.Ordinal);
    }
}
