using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Bot.Domain.Stats;

namespace Bot.Domain.Health;

/// <summary>
/// On the hourly community tick (the one the stats feature rolls up on), posts the dead letters that failed since the
/// last post to the staff channel: nothing when there are none, and at most once per hour.
/// </summary>
public sealed class HealthFeature(IHealthStore store) : IFeature
{
    public string Name => "health";

    public int Order => 710;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        if (context.Event is not TimerFired { Feature: StatsFeature.FeatureName, Key: StatsFeature.TickKey })
        {
            return FeatureResults.None;
        }

        var last = await store.LastDigestAsync(context.Community, ct);
        var fresh = await store.DeadLettersSinceAsync(context.Community, last?.ReportedUntil, HealthDigest.Latest, ct);
        if (!HealthDigest.ShouldPost(last, fresh.Count, context.Settings.StaffChannelId is not null, context.Now) || fresh.Until is not { } until)
        {
            return FeatureResults.None;
        }

        await store.SaveDigestAsync(context.Community, new HealthDigestMark(context.Now, until), ct);
        return [new PostToStaff(context.Community, HealthDigest.Post(context.Culture, context.Settings.Zone, fresh))];
    }
}
