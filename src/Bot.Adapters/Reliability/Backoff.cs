namespace Bot.Adapters.Reliability;

/// <summary>
/// Capped exponential back-off with jitter: the n-th wait is between half and all of <c>min(cap, first × 2ⁿ⁻¹)</c>,
/// so processes that failed together do not all come back in the same instant.
/// </summary>
public sealed class Backoff(TimeSpan first, TimeSpan cap)
{
    /// <summary>For waiting on the database: progress within a few seconds of it coming back.</summary>
    public static readonly Backoff Database = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(4));

    /// <summary>For running again after losing a deadlock or a serialization conflict: the other side is nearly done.</summary>
    public static readonly Backoff Conflict = new(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200));

    public TimeSpan Delay(int attempt)
    {
        var exponential = first.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ceiling = Math.Min(cap.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
