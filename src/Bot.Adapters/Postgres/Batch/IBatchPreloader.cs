using Bot.Domain.Events;

namespace Bot.Adapters.Postgres.Batch;

/// <summary>
/// Reads, before the features run, the rows a batch's events will ask for one by one (their authors' standings,
/// member records, newcomer holds), in one statement per table, into <see cref="DbSession.Loaded{TKey, TValue}"/>.
/// </summary>
public interface IBatchPreloader
{
    /// <summary>True for a preloader that locks what it reads (<c>for update</c>): it runs after the others (<see cref="BatchPreloaders.InOrder"/>).</summary>
    bool LocksRows => false;

    Task PreloadAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct);
}

public static class BatchPreloaders
{
    /// <summary>
    /// Plain reads first, row-locking reads last (each group in registration order): a batch holds its locks until it
    /// commits, and other batches wait on them, so the locks are taken as late as possible.
    /// </summary>
    public static IEnumerable<IBatchPreloader> InOrder(IEnumerable<IBatchPreloader> preloaders) => preloaders.OrderBy(p => p.LocksRows);
}

/// <summary>The (community, user) keys of a batch's ordinary messages, for preloaders.</summary>
public static class BatchKeys
{
    public static List<(string Community, string User)> Authors(IReadOnlyList<ChatEvent> events) =>
        [.. events.OfType<MessagePosted>().Where(m => !m.IsDirect)
            .Select(m => (m.Community.ToString(), m.Author.User.Id)).Distinct().Order(Order)];

    /// <summary>Tuples sort ordinally by community then user, the order rows are locked in.</summary>
    public static readonly IComparer<(string, string)> Order = Comparer<(string, string)>.Create((a, b) =>
    {
        var c = string.CompareOrdinal(a.Item1, b.Item1);
        return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
    });
}
