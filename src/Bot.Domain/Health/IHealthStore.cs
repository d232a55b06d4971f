using Bot.Domain.Model;

namespace Bot.Domain.Health;

/// <summary>An action that failed for good, as staff see it.</summary>
public sealed record DeadLetterEntry(long Id, string Action, string Reason, int Attempts, DateTimeOffset FailedAt);

/// <summary>A community's part of the outbox: what waits, what failed for good, what was set aside.</summary>
public sealed record HealthReport(long Pending, TimeSpan Lag, long DeadLetters, IReadOnlyList<DeadLetterEntry> Latest, long PoisonUpdates);

/// <summary>Dead letters since the last hourly post: how many, the newest few, and the failure time they reach to.</summary>
public sealed record NewDeadLetters(long Count, IReadOnlyList<DeadLetterEntry> Latest, DateTimeOffset? Until);

/// <summary>The last hourly post: when it was made and the failure time its dead letters reached to.</summary>
public sealed record HealthDigestMark(DateTimeOffset PostedAt, DateTimeOffset ReportedUntil);

/// <summary>The outbox, dead letters and poison updates as the health feature reads and retries them.</summary>
public interface IHealthStore
{
    Task<HealthReport> ReportAsync(CommunityRef community, int latest, CancellationToken ct);

    /// <summary>Puts one dead letter (or all, when <paramref name="id"/> is null) back into the outbox; returns how many.</summary>
    Task<int> RetryAsync(CommunityRef community, long? id, CancellationToken ct);

    Task<HealthDigestMark?> LastDigestAsync(CommunityRef community, CancellationToken ct);

    /// <summary>Dead letters that failed after <paramref name="after"/> (all, when null).</summary>
    Task<NewDeadLetters> DeadLettersSinceAsync(CommunityRef community, DateTimeOffset? after, int latest, CancellationToken ct);

    Task SaveDigestAsync(CommunityRef community, HealthDigestMark mark, CancellationToken ct);
}
