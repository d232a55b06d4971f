using Bot.Adapters.Postgres.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// Keeps the outbox moving: takes rows whose lease ran out (a process died holding them, or a retry's back-off is
/// over) and queues them, renews this process's leases while its actions wait, and refreshes the outbox figures of
/// <c>/metrics</c>. A row is taken with <c>FOR UPDATE SKIP LOCKED</c> and leased, so two processes never take the same one.
/// </summary>
public sealed partial class OutboxReplayer(
    PostgresOutboxStore outbox,
    ActionLanes lanes,
    EventPipeline pipeline,
    OutboxOptions options,
    PipelineMetrics metrics,
    TimeProvider time,
    ILogger<OutboxReplayer> logger) : BackgroundService
{
    private const int ClaimLimit = 500;

    /// <summary>Takes and queues the rows whose lease ran out; returns how many.</summary>
    public async Task<int> ReplayAsync(CancellationToken ct)
    {
        var room = Math.Min(ClaimLimit, options.MaxQueued - lanes.Queued);
        if (room <= 0)
        {
            return 0;
        }

        var items = await outbox.ClaimExpiredAsync(lanes.Owner, options.LeaseDuration, room, ct);
        if (items.Count > 0)
        {
            LogReplaying(items.Count);
            await pipeline.QueueAsync(items, ct);
        }

        return items.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var renewEvery = options.LeaseDuration / 3;
        var renewed = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (time.GetUtcNow() - renewed >= renewEvery)
                {
                    await lanes.RenewAsync(stoppingToken);
                    renewed = time.GetUtcNow();
                }

                await ReplayAsync(stoppingToken);
                metrics.Outbox(await outbox.HealthAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReplayFailed(ex.GetType().Name);
            }

            await Task.Delay(options.ReplayInterval < renewEvery ? options.ReplayInterval : renewEvery, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Count} outbox actions whose lease ran out")]
    private partial void LogReplaying(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox replay failed ({Exception}); trying again shortly")]
    private partial void LogReplayFailed(string exception);
}
