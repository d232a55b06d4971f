using Bot.Adapters.Pipeline;
using Dapper;
using Npgsql;
using Quartz;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// Fires every timer due by <c>until</c> through the pipeline, in order, for a clock that moves by jumps (the
/// console's <c>:advance</c>). Each one fires at its own time, as if the bot had been running the whole while: the
/// clock is moved to it first (<c>moveClockTo</c>); one already overdue (time that passed while the bot was down)
/// fires now, late. A one-off timer is then removed; a recurring one continues from its next occurrence, which
/// fires in turn if it is due by <c>until</c> too. Quartz may also fire the same trigger in real time later: the
/// event id names the scheduled time, so it runs once.
/// </summary>
public sealed class TimerSweep(ISchedulerFactory schedulers, NpgsqlDataSource dataSource, IEventPipeline pipeline, TimeProvider time)
{
    public async Task<int> FireDueAsync(DateTimeOffset until, Action<DateTimeOffset> moveClockTo, CancellationToken ct)
    {
        var fired = 0;
        var scheduler = await schedulers.GetScheduler(ct);
        while (true)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            var due = await connection.QueryFirstOrDefaultAsync<(string Name, long Next)?>(new CommandDefinition(
                """
                select trigger_name, next_fire_time from qrtz_triggers
                where sched_name = @name and trigger_group = @group and next_fire_time <= @now
                order by next_fire_time, trigger_name limit 1
                """,
                new { name = scheduler.SchedulerName, group = TimerScheduler.Group, now = until.UtcTicks }, cancellationToken: ct));
            if (due is not { } next)
            {
                moveClockTo(until);
                return fired;
            }

            var scheduledFor = new DateTimeOffset(next.Next, TimeSpan.Zero);
            moveClockTo(scheduledFor);
            var now = time.GetUtcNow();

            var key = new JobKey(next.Name, TimerScheduler.Group);
            var job = await scheduler.GetJobDetail(key, ct);
            var trigger = await scheduler.GetTrigger(new TriggerKey(next.Name, TimerScheduler.Group), ct);
            if (job is not null && trigger is not null)
            {
                await SettleAsync(scheduler, trigger, key, now, ct);
                await pipeline.ProcessAsync([TimerJob.ToEvent(job.JobDataMap, scheduledFor, now)], ct);
                fired++;
            }
            else
            {
                await scheduler.DeleteJob(key, ct);
            }
        }
    }

    /// <summary>
    /// Removes a one-off timer, or moves a recurring one to its next occurrence. Quartz's own thread may be firing
    /// the same trigger this moment (it was due in real time too), and the two then deadlock on its rows: the
    /// sweep steps back and tries again, and a trigger Quartz has meanwhile used up needs nothing more.
    /// </summary>
    private static async Task SettleAsync(IScheduler scheduler, ITrigger trigger, JobKey key, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (trigger is ICronTrigger cron && cron.GetFireTimeAfter(now) is { } after)
                {
                    var moved = TriggerBuilder.Create().WithIdentity(trigger.Key).ForJob(key)
                        .WithCronSchedule(cron.CronExpressionString!, c => c.InTimeZone(cron.TimeZone))
                        .StartAt(after).Build();
                    await scheduler.RescheduleJob(trigger.Key, moved, ct);
                }
                else
                {
                    await scheduler.DeleteJob(key, ct);
                }

                return;
            }
            catch (SchedulerException) when (attempt < SettleAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct);
                if (trigger is not ICronTrigger && await scheduler.GetTrigger(trigger.Key, ct) is null)
                {
                    return;
                }
            }
        }
    }

    private const int SettleAttempts = 5;
}
