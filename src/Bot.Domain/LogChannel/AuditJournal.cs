using Bot.Domain.Audit;
using Bot.Domain.Model;

namespace Bot.Domain.LogChannel;

/// <summary>
/// The audit entries recorded while the current batch of events is decided (one per DI scope): moderation actions and
/// staff-role changes reach the log channel through it, whichever feature recorded them.
/// </summary>
public sealed class AuditJournal
{
    private readonly List<AuditEntry> _entries = [];

    public void Add(AuditEntry entry) => _entries.Add(entry);

    /// <summary>The community's entries since the last call, oldest first.</summary>
    public IReadOnlyList<AuditEntry> Drain(CommunityRef community)
    {
        var mine = _entries.Where(e => e.Community == community).ToList();
        _entries.RemoveAll(e => e.Community == community);
        return mine;
    }
}

/// <summary>The audit log, with each entry also noted in the <see cref="AuditJournal"/>.</summary>
public sealed class JournalingAuditLog(IAuditLog inner, AuditJournal journal) : IAuditLog
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        await inner.RecordAsync(entry, ct);
        journal.Add(entry);
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) => inner.RecentAsync(community, limit, ct);
}
