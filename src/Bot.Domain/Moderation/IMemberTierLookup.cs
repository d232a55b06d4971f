using Bot.Domain.Model;

namespace Bot.Domain.Moderation;

/// <summary>
/// A member's tier name (regular, active, core, opinion leader…) for tier exemptions. The tiering feature
/// implements it; until then <see cref="NoMemberTiers"/> says nobody has one.
/// </summary>
public interface IMemberTierLookup
{
    Task<string?> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct);
}

public sealed class NoMemberTiers : IMemberTierLookup
{
    public Task<string?> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult<string?>(null);
}
