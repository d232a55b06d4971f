using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Domain.Moderation;

/// <summary>
/// A member's tier name (regular, active, core, opinionleader) for tier exemptions, compared without case.
/// A port of its own so rules need only a name, whatever the tiering feature keeps.
/// </summary>
public interface IMemberTierLookup
{
    Task<string?> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct);
}

/// <summary>Tiers from the tiering feature's directory (regular for a member it has no standing for).</summary>
public sealed class TieringTierLookup(ITierDirectory directory) : IMemberTierLookup
{
    public async Task<string?> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        (await directory.GetTierAsync(community, user, ct)).ToString().ToLowerInvariant();
}
