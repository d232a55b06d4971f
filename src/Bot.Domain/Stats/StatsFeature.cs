using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Stats;

/// <summary>
/// The hourly stats tick (<see cref="TimerFired"/> with feature <c>stats</c>, key <c>tick</c>): fills in missing
/// daily roll-ups, and when the configured weekly report time has passed since the last report, posts the
/// report to staff. A tick more than a day late skips that week's report rather than posting a stale one.
/// </summary>
public sealed class StatsFeature(StatsRollups rollups, WeeklyReport report, IStatsStore store, StatsOptions options) : IFeature
{
    public const string FeatureName = "stats";
    public const string TickKey = "tick";

    public string Name => FeatureName;

    public int Order => 700;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        if (context.Event is not TimerFired { Feature: FeatureName, Key: TickKey })
        {
            return FeatureResults.None;
        }

        var lastComplete = await rollups.CatchUpAsync(context, ct);
        var due = StatsCalendar.LastReportTime(context.Now, context.Settings.Zone, options.ReportDay, options.ReportHour);
        var last = await store.LastReportAsync(context.Community, ct);
        if ((last is { } sent && sent >= due) || context.Now - due > TimeSpan.FromDays(1) || context.Settings.StaffChannelId is null)
        {
            return FeatureResults.None;
        }

        await store.SaveReportAsync(context.Community, due, ct);
        return await report.BuildAsync(context, lastComplete, ct);
    }
}
