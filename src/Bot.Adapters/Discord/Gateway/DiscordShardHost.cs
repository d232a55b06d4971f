using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Gateway;

/// <summary>
/// Runs this process's shards: asks <c>GET /gateway/bot</c> for the URL, the recommended shard count and
/// the session start limit, then keeps one <see cref="GatewayShard"/> per shard id. A fatal close stops the host.
/// </summary>
internal sealed partial class DiscordShardHost(
    DiscordApi api,
    DiscordOptions options,
    DiscordEventPump pump,
    IdentifyGate identifyGate,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<DiscordShardHost>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var info = await api.GetGatewayBotAsync(stoppingToken);
            var shardCount = options.ShardCount ?? Math.Max(1, info.Shards);
            IReadOnlyList<int> shardIds = [.. Enumerable.Range(0, shardCount)];
            if (options.ShardIds is { Length: > 0 } text && ShardRange.TryParse(text, shardCount, out shardIds) is { } error)
            {
                throw new InvalidOperationException($"Discord:ShardIds: {error}");
            }

            identifyGate.Configure(info.SessionStartLimit.MaxConcurrency, info.SessionStartLimit.Remaining, TimeSpan.FromMilliseconds(info.SessionStartLimit.ResetAfter));
            LogStarting(string.Join(',', shardIds), shardCount, info.SessionStartLimit.Remaining);
            var url = new Uri(info.Url);
            var tasks = new List<Task>();
            foreach (var id in shardIds)
            {
                var shard = new GatewayShard(id, shardCount, options, identifyGate, pump, time, loggers.CreateLogger<GatewayShard>());
                tasks.Add(pump.ConsumeAsync(id, stoppingToken));
                tasks.Add(shard.RunAsync(url, stoppingToken));
            }

            await await Task.WhenAny(tasks);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is DiscordGatewayFatalException or DiscordRestException or InvalidOperationException)
        {
            LogFatal(ex.Message);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: starting shards {ShardIds} of {ShardCount} ({Remaining} session starts left today)")]
    private partial void LogStarting(string shardIds, int shardCount, int remaining);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord adapter stopped: {Reason}")]
    private partial void LogFatal(string reason);
}
