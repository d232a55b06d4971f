using System.Globalization;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Reliability;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// A fired timer enters the pipeline as <see cref="TimerFired"/>. Its event id names the scheduled fire
/// time, so a fire repeated by recovery or by the console's clock is processed once. Not
/// <c>[DisallowConcurrentExecution]</c>: that makes every acquisition round take the cluster-wide trigger lock,
/// and two fires of one recurring timer are different events anyway.
/// The job returns (and Quartz completes the trigger) only once the event is committed: the pipeline waits out a
/// database outage, and a fire that still fails gets a retry trigger with back-off that carries its scheduled time.
/// </summary>
public sealed partial class TimerJob(IEventPipeline pipeline, TimeProvider time, ILogger<TimerJob> logger) : IJob
{
    public const string CommunityKey = "community";
    public const string FeatureKey = "feature";
    public const string TimerKey = "key";
    public const string PayloadKey = "payload";

    /// <summary>Trigger group of retries, apart from the timers' own (one trigger each, named as its job).</summary>
    public const string RetryGroup = "timer-retries";

    private const string ScheduledForKey = "scheduledFor";
    private const string AttemptKey = "attempt";

    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    public static TimerFired ToEvent(JobDataMap data, DateTimeOffset scheduledFor, DateTimeOffset now)
    {
        var feature = data.GetString(FeatureKey)!;
        var key = data.GetString(TimerKey)!;
        return new TimerFired(
            $"timer:{feature}:{key}:{scheduledFor.UtcTicks}",
            CommunityRef.Parse(data.GetString(CommunityKey)!),
            now,
            feature,
            key,
            data.GetString(PayloadKey) ?? string.Empty,
            scheduledFor);
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var data = context.MergedJobDataMap;
        var scheduledFor = data.GetString(ScheduledForKey) is { } ticks
            ? new DateTimeOffset(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero)
            : context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        try
        {
            // Committed before the job returns; the actions, which may wait on a platform's rate limits, run on the
            // sending queues, leaving the Quartz thread free for the next timer.
            await pipeline.AcceptAsync([ToEvent(data, scheduledFor, time.GetUtcNow())], ct);
        }
        catch (Exception ex)
        {
            var attempt = (int.TryParse(data.GetString(AttemptKey), CultureInfo.InvariantCulture, out var previous) ? previous : 0) + 1;
            await RefireLaterAsync(context, scheduledFor, attempt, ex);
        }
    }

    private async Task RefireLaterAsync(IJobExecutionContext context, DateTimeOffset scheduledFor, int attempt, Exception failure)
    {
        var wait = RetryBackoff.Delay(attempt);
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"{context.JobDetail.Key.Name}:{scheduledFor.UtcTicks}:{attempt}", RetryGroup)
            .ForJob(context.JobDetail.Key)
            .UsingJobData(ScheduledForKey, scheduledFor.UtcTicks.ToString(CultureInfo.InvariantCulture))
            .UsingJobData(AttemptKey, attempt.ToString(CultureInfo.InvariantCulture))
            .StartAt(time.GetUtcNow() + wait)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        LogRefire(context.JobDetail.Key.Name, failure.GetType().Name, wait.TotalSeconds, attempt);
        for (var tries = 1; ; tries++)
        {
            try
            {
                // Not the job's token: a stop must not turn "not committed" into "acknowledged".
                await context.Scheduler.ScheduleJob(trigger, default(ScheduleJobOptions), CancellationToken.None);
                return;
            }
            catch (ObjectAlreadyExistsException)
            {
                return;
            }
            catch (Exception ex)
            {
                // Without a retry trigger, returning would lose the fire: hold it (a stop that outlasts this leaves the
                // fired trigger to Quartz's recovery in the next process) until the store takes the retry.
                LogRefireFailed(context.JobDetail.Key.Name, ex.GetType().Name);
                await Task.Delay(Backoff.Database.Delay(tries), time, CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Timer} could not be committed ({Exception}); it fires again in {Seconds:0.0} s (retry {Attempt})")]
    private partial void LogRefire(string timer, string exception, double seconds, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timer {Timer}: its retry could not be scheduled ({Exception}); trying again")]
    private partial void LogRefireFailed(string timer, string exception);
}
