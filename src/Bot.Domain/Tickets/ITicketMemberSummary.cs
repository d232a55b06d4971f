using Bot.Domain.Audit;
using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Domain.Tickets;

/// <summary>What staff should know about a member when a ticket opens; null means the bot does not know.</summary>
public sealed record TicketMemberFacts(string? Tier, int? Infractions, string? LastInfraction, DateTimeOffset? MemberSince);

/// <summary>
/// The member's tier and infractions, read through this port so that tiering and moderation can answer it
/// with their own records; <see cref="CoreTicketMemberSummary"/> answers from the core tables meanwhile.
/// </summary>
public interface ITicketMemberSummary
{
    Task<TicketMemberFacts> GetAsync(CommunityRef community, UserRef member, CancellationToken ct);
}

/// <summary>What the core knows: when the member joined, and the audit log's actions against them. No tiers.</summary>
public sealed class CoreTicketMemberSummary(IMemberStore members, IAuditLog audit) : ITicketMemberSummary
{
    private const int AuditScanned = 500;

    public async Task<TicketMemberFacts> GetAsync(CommunityRef community, UserRef member, CancellationToken ct)
    {
        var record = await members.GetAsync(community, member, ct);
        var against = (await audit.RecentAsync(community, AuditScanned, ct))
            .Where(e => e.Target == member && !e.Action.StartsWith("staff-", StringComparison.Ordinal))
            .ToList();
        var last = against.FirstOrDefault();
        return new TicketMemberFacts(
            Tier: null,
            Infractions: against.Count,
            LastInfraction: last is null ? null : $"{last.Action}: {last.Reason}",
            MemberSince: record?.JoinedAt ?? record?.FirstSeen);
    }
}
