using Bot.Domain.Model;

namespace Bot.Domain.Audit;

/// <summary>
/// One moderation or staff action: who did what to whom, why, and which rule or command caused it.
/// Written in the same transaction as the state change it explains.
/// </summary>
public sealed record AuditEntry(
    CommunityRef Community,
    DateTimeOffset At,
    UserRef? Actor,
    string Action,
    UserRef? Target,
    string Source,
    string Reason);

public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken ct);

    Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct);
}
