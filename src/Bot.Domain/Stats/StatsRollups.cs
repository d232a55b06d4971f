using Bot.Domain.Pipeline;

namespace Bot.Domain.Stats;

/// <summary>Brings a community's roll-ups up to its last complete local day, filling any missing days.</summary>
public sealed class StatsRollups(IStatsStore store, StatsOptions options)
{
    /// <summary>Rolls up what is missing and returns the last complete day.</summary>
    public async Task<DateOnly> CatchUpAsync(EventContext context, CancellationToken ct)
    {
        var zone = context.Settings.Zone;
        var iana = StatsCalendar.IanaId(zone);
        var lastComplete = StatsCalendar.LastCompleteDay(context.Now, zone);
        var coverage = await store.CoverageAsync(context.Community, iana, ct);
        foreach (var day in StatsCalendar.DaysToRollUp(coverage.LastRolledUp, coverage.FirstActivity, lastComplete, options.MaxBackfillDays))
        {
            await store.RollUpAsync(context.Community, day, iana, ct);
        }

        return lastComplete;
    }
}
