using Bot.Domain.Actions;

namespace Bot.Domain.Pipeline;

/// <summary>
/// One concern of the bot. Features run in <see cref="Order"/> on every event and return the actions
/// they decided on; state goes through the feature's store port and commits before any action runs.
/// </summary>
public interface IFeature
{
    string Name { get; }

    /// <summary>Lower runs first: members (0), moderation (100), commands (200), the rest after.</summary>
    int Order { get; }

    Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct);
}

/// <summary>
/// Keeps one feature's failure from spoiling the others' state: in Postgres a savepoint per feature.
/// </summary>
public interface IFeatureIsolation
{
    Task EnterAsync(string feature, CancellationToken ct);

    Task FailAsync(string feature, CancellationToken ct);

    /// <summary>A failure the whole batch should be retried for (a deadlock), rather than the feature skipped.</summary>
    bool IsTransient(Exception exception);
}

public static class FeatureResults
{
    public static readonly IReadOnlyList<BotAction> None = [];

    public static Task<IReadOnlyList<BotAction>> NoneAsync => Task.FromResult(None);
}
