using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres.Scheduling;
using Bot.Domain.Actions;
using Quartz;
using Quartz.Extensibility;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// Features' timers as persistent Quartz jobs (group <c>timers</c>, name <c>feature:key</c>) in the clustered
/// Postgres store: scheduling the same key again replaces it, and a trigger missed while the bot was down
/// fires on start (the feature sees how late it is from <c>TimerFired.ScheduledFor</c>). Jobs are durable, so
/// a fire completes without the cluster-wide trigger lock; <see cref="SpentTimerCleanup"/> removes spent ones.
/// </summary>
public sealed class TimerScheduler(ISchedulerFactory schedulers, QuartzTimerRows timerRows, SchedulingOptions options, TimeProvider time)
{
    public const string Group = "timers";

    public static JobKey KeyOf(string feature, string key) => new($"{feature}:{key}", Group);

    public async Task<ActionResult> ScheduleAsync(ScheduleTimer timer, CancellationToken ct)
    {
        await ScheduleAllAsync([timer], ct);
        return ActionResult.Ok;
    }

    /// <summary>
    /// Stores many timers at once; a key given twice keeps its last timer, as scheduling them one after another would.
    /// One-off timers go in set-based (<see cref="QuartzTimerRows"/>: one statement per table under Quartz's lock);
    /// recurring ones through Quartz's <c>ScheduleJobs</c>. So does the earliest one-off timer when it is due within
    /// the idle wait: storing it through Quartz tells this process's scheduler thread that something is due that early,
    /// so it looks again rather than sleep past the new timers. A later one needs no telling (Quartz's own rule): every
    /// scheduler looks at least once per idle wait, for all that is due within one. If anything throws, the caller
    /// stores the whole run again: storing replaces, so a part already stored is stored once. Returns how many went in
    /// as rows.
    /// </summary>
    public async Task<int> ScheduleAllAsync(IReadOnlyList<ScheduleTimer> timers, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var byKey = new Dictionary<JobKey, (IJobDetail Job, ITrigger Trigger, DateTimeOffset At)>();
        foreach (var timer in timers)
        {
            var jobKey = KeyOf(timer.Feature, timer.Key);
            byKey[jobKey] = (JobOf(jobKey, timer), TriggerOf(jobKey, timer), timer.At);
        }

        var oneOff = byKey.Values.Where(t => QuartzTimerRows.Handles(t.Job, t.Trigger)).OrderBy(t => t.At).ToList();
        var wake = oneOff.Count > 0 && oneOff[0].At <= time.GetUtcNow() + options.IdleWaitTime;
        var rows = wake ? oneOff[1..] : oneOff;
        var asRows = rows.Count > 0 && await timerRows.TryStoreAsync(scheduler.SchedulerName, [.. rows.Select(t => (t.Job, (IOperableTrigger)t.Trigger))], ct);
        if (asRows)
        {
            foreach (var stored in rows)
            {
                byKey.Remove(stored.Job.Key);
            }
        }

        if (byKey.Count > 0)
        {
            await scheduler.ScheduleJobs(
                byKey.Values.ToDictionary(p => p.Job, p => (IReadOnlyCollection<ITrigger>)[p.Trigger]), ScheduleJobOptions.Replacing, ct);
        }

        return asRows ? rows.Count : 0;
    }

    public async Task<ActionResult> CancelAsync(CancelTimer timer, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(KeyOf(timer.Feature, timer.Key), ct);
        return ActionResult.Ok;
    }

    internal static IJobDetail JobOf(JobKey jobKey, ScheduleTimer timer) => JobBuilder.Create<TimerJob>()
        .WithIdentity(jobKey)
        .UsingJobData(TimerJob.CommunityKey, timer.Community.ToString())
        .UsingJobData(TimerJob.FeatureKey, timer.Feature)
        .UsingJobData(TimerJob.TimerKey, timer.Key)
        .UsingJobData(TimerJob.PayloadKey, timer.Payload)
        .RequestRecovery()
        .StoreDurably()
        .Build();

    internal static ITrigger TriggerOf(JobKey jobKey, ScheduleTimer timer)
    {
        var trigger = TriggerBuilder.Create().WithIdentity(jobKey.Name, Group).ForJob(jobKey);
        trigger = timer.Cron is { } cron
            ? trigger.WithCronSchedule(cron, c => c
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(timer.TimeZone ?? "UTC"))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            : trigger.StartAt(timer.At).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        return trigger.Build();
    }
}
