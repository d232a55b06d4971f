using Bot.Adapters.Pipeline;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Quartz;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// A fired timer enters the pipeline as <see cref="TimerFired"/>. Its event id names the scheduled fire
/// time, so a fire repeated by recovery or by the console's clock is processed once. Not
/// <c>[DisallowConcurrentExecution]</c>: that makes every acquisition round take the cluster-wide trigger lock,
/// and two fires of one recurring timer are different events anyway.
/// </summary>
public sealed class TimerJob(IEventPipeline pipeline, TimeProvider time) : IJob
{
    public const string CommunityKey = "community";
    public const string FeatureKey = "feature";
    public const string TimerKey = "key";
    public const string PayloadKey = "payload";

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
        var scheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        // Committed before the job returns (so the fire is never lost); the actions, which may wait on a platform's
        // rate limits, run after it, leaving the Quartz thread free for the next timer.
        await pipeline.AcceptAsync([ToEvent(context.MergedJobDataMap, scheduledFor, time.GetUtcNow())], ct);
    }
}
