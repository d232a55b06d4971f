using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Quartz;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// Features' timers as persistent Quartz jobs (group <c>timers</c>, name <c>feature:key</c>) in the clustered
/// Postgres store: scheduling the same key again replaces it, and a trigger missed while the bot was down
/// fires on start (the feature sees how late it is from <c>TimerFired.ScheduledFor</c>). Jobs are durable, so
/// a fire completes without the cluster-wide trigger lock; <see cref="SpentTimerCleanup"/> removes spent ones.
/// </summary>
public sealed class TimerScheduler(ISchedulerFactory schedulers)
{
    public const string Group = "timers";

    public static JobKey KeyOf(string feature, string key) => new($"{feature}:{key}", Group);

    public async Task<ActionResult> ScheduleAsync(ScheduleTimer timer, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var jobKey = KeyOf(timer.Feature, timer.Key);
        var job = JobBuilder.Create<TimerJob>()
            .WithIdentity(jobKey)
            .UsingJobData(TimerJob.CommunityKey, timer.Community.ToString())
            .UsingJobData(TimerJob.FeatureKey, timer.Feature)
            .UsingJobData(TimerJob.TimerKey, timer.Key)
            .UsingJobData(TimerJob.PayloadKey, timer.Payload)
            .RequestRecovery()
            .StoreDurably()
            .Build();
        var trigger = TriggerBuilder.Create().WithIdentity(jobKey.Name, Group).ForJob(jobKey);
        trigger = timer.Cron is { } cron
            ? trigger.WithCronSchedule(cron, c => c
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(timer.TimeZone ?? "UTC"))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            : trigger.StartAt(timer.At).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        await scheduler.ScheduleJob(job, [trigger.Build()], ScheduleJobOptions.Replacing, ct);
        return ActionResult.Ok;
    }

    public async Task<ActionResult> CancelAsync(CancelTimer timer, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        await scheduler.DeleteJob(KeyOf(timer.Feature, timer.Key), ct);
        return ActionResult.Ok;
    }
}
