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
    IGatewaySessions sessions,
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
            var botId = DiscordBotId.FromToken(options.BotToken);
            var tasks = new List<Task>();
            var shards = new List<(GatewayShard Shard, SavedGatewaySession? Saved)>();
            foreach (var id in shardIds)
            {
                var shard = new GatewayShard(id, shardCount, options, identifyGate, pump, time, loggers.CreateLogger<GatewayShard>());
                shards.Add((shard, await SavedSessionAsync(shard, botId, stoppingToken)));
            }

            // Resuming skips READY and GUILD_CREATE, so the caches come from REST first; if they cannot, the shards identify.
            if (shards.Any(s => s.Saved is not null) && await CachesLoadedAsync(stoppingToken))
            {
                foreach (var (shard, saved) in shards.Where(s => s.Saved is not null))
                {
                    shard.Restore(saved!);
                }
            }

            foreach (var (shard, _) in shards)
            {
                var (id, logger) = (shard.ShardId, loggers.CreateLogger<GatewayShard>());
                tasks.Add(pump.ConsumeAsync(id, new SessionCheckpoint(sessions, botId, id, shardCount, time, logger), stoppingToken));
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

    /// <summary>The session saved within <see cref="DiscordOptions.ResumeWindow"/> for this shard and shard count is resumed instead of identifying.</summary>
    private async Task<SavedGatewaySession?> SavedSessionAsync(GatewayShard shard, string botId, CancellationToken ct)
    {
        SavedGatewaySession? saved;
        try
        {
            saved = await sessions.LoadAsync(botId, shard.ShardId, shard.ShardCount, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogNoSavedSession(shard.ShardId, ex.Message);
            return null;
        }

        var age = time.GetUtcNow() - saved?.SavedAt;
        if (age > options.ResumeWindow)
        {
            LogSessionTooOld(shard.ShardId, age.Value, options.ResumeWindow);
            return null;
        }

        return saved;
    }

    private async Task<bool> CachesLoadedAsync(CancellationToken ct)
    {
        try
        {
            await pump.LoadCachesAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is DiscordRestException or System.Text.Json.JsonException)
        {
            LogCachesNotLoaded(ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: could not read the guilds to resume the saved sessions ({Reason}); identifying afresh, so what was sent while the bot was down is lost")]
    private partial void LogCachesNotLoaded(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: could not read the saved gateway session ({Reason}); identifying")]
    private partial void LogNoSavedSession(int shardId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord shard {ShardId}: the saved gateway session is {Age} old (Discord:ResumeWindow {Window}); identifying afresh, so what was sent while the bot was down is lost")]
    private partial void LogSessionTooOld(int shardId, TimeSpan age, TimeSpan window);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord: starting shards {ShardIds} of {ShardCount} ({Remaining} session starts left today)")]
    private partial void LogStarting(string shardIds, int shardCount, int remaining);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord adapter stopped: {Reason}")]
    private partial void LogFatal(string reason);
}
