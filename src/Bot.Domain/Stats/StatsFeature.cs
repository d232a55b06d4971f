using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Stats;

/// <summary>
/// The hourly stats tick (<see cref="TimerFired"/> with feature <c>stats</c>, key <c>tick</c>): fills in missing
/// daily roll-ups, and when the configured weekly report time has passed since the last report, posts the
/// report to staff. A tick more than a day late skips that week's report rather than posting a stale one.
/// Each tick also asks the platform for the community's member count (<see cref="CountMembers"/>); the count that
/// comes back is stored for the day's members figure, which otherwise counts only the members the bot has seen.
/// </summary>
public sealed class StatsFeature(StatsRollups rollups, WeeklyReport report, IStatsStore store, StatsOptions options) : IFeature
{
    public const string FeatureName = "stats";
    public const string TickKey = "tick";
    public const string MemberCountCorrelation = "stats:members";

    public string Name => FeatureName;

    public int Order => 700;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        switch (context.Event)
        {
            case TimerFired { Feature: FeatureName, Key: TickKey }:
                var report = await TickAsync(context, ct);
                // The console has no membership of its own: its figure stays the members seen.
                return context.Community.Platform == Platform.Console
                    ? report
                    : [.. report, new CountMembers(context.Community) { Correlation = MemberCountCorrelation }];
            case ActionCompleted { Correlation: MemberCountCorrelation } counted:
                await CountedAsync(counted, ct);
                return FeatureResults.None;
            default:
                return FeatureResults.None;
        }
    }

    /// <summary>Only a whole, non-negative number is a count; a platform that has none (the console) sends no value.</summary>
    private async Task CountedAsync(ActionCompleted counted, CancellationToken ct)
    {
        if (counted is { Succeeded: true, Value: { } value }
            && long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var members))
        {
            await store.RecordMemberCountAsync(counted.Community, counted.At, members, ct);
        }
    }

    private async Task<IReadOnlyList<BotAction>> TickAsync(EventContext context, CancellationToken ct)
    {
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
