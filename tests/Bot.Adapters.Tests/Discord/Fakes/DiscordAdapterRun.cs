using Bot.Adapters.Discord;
using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord.Fakes;

/// <summary>
/// The Discord adapter alone (real pump, shard, translator, responder and executor) connected to a <see cref="FakeDiscord"/>,
/// with a recording pipeline standing in for the domain. Started once the shard has identified; with
/// <c>connect: false</c> only the services are built (for the REST side and the executor alone).
/// </summary>
public sealed class DiscordAdapterRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromSeconds(30));
    private Task _running = Task.CompletedTask;

    private DiscordAdapterRun(FakeDiscord fake, ServiceProvider services, CapturingLoggerProvider logs, RecordingPipeline pipeline)
    {
        Fake = fake;
        Services = services;
        Logs = logs;
        Pipeline = pipeline;
    }

    public FakeDiscord Fake { get; }

    public ServiceProvider Services { get; }

    public CapturingLoggerProvider Logs { get; }

    public RecordingPipeline Pipeline { get; }

    public FakeDiscord.FakeGatewayConnection Gateway { get; private set; } = null!;

    public static async Task<DiscordAdapterRun> StartAsync(
        Action<DiscordOptions>? configure = null, Action<IServiceCollection>? moreServices = null, bool connect = true)
    {
        var fake = await FakeDiscord.StartAsync();
        var logs = new CapturingLoggerProvider();
        var pipeline = new RecordingPipeline();
        var run = new DiscordAdapterRun(fake, DiscordTestServices.Build(fake, logs, pipeline, configure, moreServices: moreServices), logs, pipeline);
        if (!connect)
        {
            return run;
        }

        var pump = run.Services.GetRequiredService<DiscordEventPump>();
        var shard = new GatewayShard(
            0, 1, run.Services.GetRequiredService<DiscordOptions>(), new IdentifyGate(TimeProvider.System), pump,
            TimeProvider.System, run.Services.GetRequiredService<ILogger<GatewayShard>>());
        run._running = Task.WhenAll(pump.ConsumeAsync(0, null, run._stop.Token), shard.RunAsync(fake.GatewayUrl, run._stop.Token));
        run.Gateway = await fake.NextConnectionAsync();
        await run.Gateway.NextAsync(GatewayOp.Identify);
        return run;
    }

    /// <summary>Stops the shard and the fake; no log line may carry the bot token.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
        _stop.Dispose();
        Assert.DoesNotContain(DiscordTestServices.Token, Logs.All, StringComparison.Ordinal);
    }
}
