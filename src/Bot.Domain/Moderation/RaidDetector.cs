namespace Bot.Domain.Moderation;

/// <summary>
/// Joins per minute against the community's baseline. The rate is a sliding minute estimated from the current
/// and previous minute buckets; the baseline is an exponential average of finished minutes (quiet minutes
/// included), so a community that usually gets 20 joins a minute is not in a raid at 25.
/// </summary>
public static class RaidDetector
{
    // Weight of one finished minute in the baseline: about a day of memory.
    private const double Alpha = 1.0 / 1440;

    public static (RaidState State, bool Burst) OnJoin(RaidState state, DateTimeOffset at, ModerationOptions options)
    {
        var minute = new DateTimeOffset(at.UtcDateTime.Ticks - (at.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        state = Roll(state, minute);
        state = state with { JoinsThisMinute = state.JoinsThisMinute + 1 };
        var elapsed = (at - minute).TotalSeconds / 60.0;
        var rate = state.JoinsThisMinute + (state.JoinsLastMinute * (1 - elapsed));
        var burst = rate >= options.RaidMinJoinsPerMinute && rate >= options.RaidMultiplier * Math.Max(state.BaselinePerMinute, 0.01);
        return (burst ? state with { LastBurstAt = at } : state, burst);
    }

    /// <summary>Raid mode may end once no burst has been seen for <see cref="ModerationOptions.RaidCalmAfter"/>.</summary>
    public static bool IsCalm(RaidState state, DateTimeOffset now, ModerationOptions options) =>
        state.LastBurstAt is not { } last || now - last >= options.RaidCalmAfter;

    // Folds finished minutes into the baseline: the last bucket, then the empty minutes since (capped, so a week's quiet costs nothing).
    private static RaidState Roll(RaidState state, DateTimeOffset minute)
    {
        if (state.MinuteStart is not { } start)
        {
            return state with { MinuteStart = minute };
        }

        if (minute <= start)
        {
            return state;
        }

        var gap = (int)Math.Min((minute - start).TotalMinutes, 100_000);
        var baseline = (state.BaselinePerMinute * (1 - Alpha)) + (Alpha * state.JoinsThisMinute);
        baseline *= Math.Pow(1 - Alpha, gap - 1);
        return state with
        {
            BaselinePerMinute = baseline,
            MinuteStart = minute,
            JoinsLastMinute = gap == 1 ? state.JoinsThisMinute : 0,
            JoinsThisMinute = 0,
        };
    }
}
