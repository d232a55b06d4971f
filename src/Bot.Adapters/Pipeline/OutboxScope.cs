namespace Bot.Adapters.Pipeline;

/// <summary>
/// The outbox row whose action is running on this flow, so an executor can make its requests idempotent where the
/// platform allows (Discord's <c>nonce</c> with <c>enforce_nonce</c>) without every executor signature carrying it.
/// </summary>
public static class OutboxScope
{
    private static readonly AsyncLocal<Run?> Current = new();

    public static long? CurrentId => Current.Value?.Id;

    public static IDisposable Enter(long id)
    {
        var previous = Current.Value;
        Current.Value = new Run(id);
        return new Restore(previous);
    }

    /// <summary>
    /// A key for the next message this action sends (<c>id.n</c> for its n-th message), the same on every attempt of
    /// the action, so a platform that remembers keys drops the repeat of a message whose answer was lost. Null outside an action.
    /// </summary>
    public static string? NextMessageKey() => Current.Value is { } run ? $"{run.Id}.{Interlocked.Increment(ref run.Sends)}" : null;

    private sealed class Run(long id)
    {
        public long Id { get; } = id;

#pragma warning disable SA1401 // A counter Interlocked updates must be a field.
        public int Sends;
#pragma warning restore SA1401
    }

    private sealed class Restore(Run? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }
}
