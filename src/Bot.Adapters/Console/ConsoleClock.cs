namespace Bot.Adapters.Console;

/// <summary>
/// The console's clock: real time plus whatever <c>:advance</c> has added, so scheduled work can be tried out.
/// <paramref name="startOffset"/> starts it later than real time, as a bot that was down for that long.
/// </summary>
public sealed class ConsoleClock(TimeProvider inner, TimeSpan startOffset = default) : TimeProvider
{
    private long _offsetTicks = startOffset.Ticks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Moves the clock forward to <paramref name="moment"/>; never back.</summary>
    public void AdvanceTo(DateTimeOffset moment)
    {
        var by = moment - GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            Advance(by);
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
