using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// Timer jobs are durable so that a fire completes without the cluster-wide trigger lock (Quartz takes it to
/// delete a non-durable job with its last trigger). A fired one-off timer therefore leaves its job row behind;
/// this removes those rows now and then, under the same lock every locked Quartz path takes first.
/// </summary>
public sealed partial class SpentTimerCleanup(
    ISchedulerFactory schedulers,
    NpgsqlDataSource dataSource,
    SchedulingOptions options,
    TimeProvider time,
    ILogger<SpentTimerCleanup> logger) : BackgroundService
{
    public async Task<int> RemoveSpentJobsAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var locked = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select 1 from qrtz_locks where sched_name = @name and lock_name = 'TRIGGER_ACCESS' for update",
            new { name = scheduler.SchedulerName }, transaction, cancellationToken: ct));
        if (locked is null)
        {
            return 0; // Quartz has not fired anything yet, so nothing is spent.
        }

        var removed = await connection.ExecuteAsync(new CommandDefinition(
            """
            delete from qrtz_job_details j
            where j.sched_name = @name and j.job_group = @group
                and not exists (select 1 from qrtz_triggers t where t.sched_name = j.sched_name and t.job_name = j.job_name and t.job_group = j.job_group)
                and not exists (select 1 from qrtz_fired_triggers f where f.sched_name = j.sched_name and f.job_name = j.job_name and f.job_group = j.job_group)
            """,
            new { name = scheduler.SchedulerName, group = TimerScheduler.Group }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return removed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                LogRemoved(await RemoveSpentJobsAsync(stoppingToken));
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A housekeeping pass must never stop the host (a failed background service does): log, try later.
                LogFailed(ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Removed {Count} spent timer jobs")]
    private partial void LogRemoved(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing spent timer jobs failed ({Exception}); trying again at the next interval")]
    private partial void LogFailed(string exception);
}
