using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Domain.Tickets;

/// <summary>The core facts plus the member's tier from the tiering feature.</summary>
public sealed class TieredTicketMemberSummary(CoreTicketMemberSummary core, ITierDirectory tiers) : ITicketMemberSummary
{
    public async Task<TicketMemberFacts> GetAsync(CommunityRef community, UserRef member, CancellationToken ct)
    {
        var facts = await core.GetAsync(community, member, ct);
        var tier = await tiers.GetTierAsync(community, member, ct);
        return facts with { Tier = tier.ToString().ToLowerInvariant() };
    }
}
