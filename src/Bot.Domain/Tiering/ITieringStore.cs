using Bot.Domain.Model;

namespace Bot.Domain.Tiering;

/// <summary>Tier state: standings, the credit ledger, reactions counted, community settings, nominations.</summary>
public interface ITieringStore
{
    /// <summary>A member's standing as stored (not decayed); <paramref name="forUpdate"/> locks it for this transaction.</summary>
    Task<TierStanding?> GetAsync(CommunityRef community, UserRef user, bool forUpdate, CancellationToken ct);

    Task SaveAsync(TierStanding standing, CancellationToken ct);

    /// <summary>Records a credit; false (and nothing recorded) when its reference was recorded before.</summary>
    Task<bool> AppendAsync(PointEntry entry, CancellationToken ct);

    /// <summary>Credits of <paramref name="kind"/> that <paramref name="actor"/> gave since a time (daily limits).</summary>
    Task<int> CountGivenAsync(CommunityRef community, UserRef actor, PointKind kind, DateTimeOffset since, CancellationToken ct);

    /// <summary>Counts one reaction per member per message; false when this member's reaction was counted before.</summary>
    Task<bool> MarkReactionAsync(CommunityRef community, string channelId, string messageId, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<int> CountReactionsGivenAsync(CommunityRef community, UserRef by, DateTimeOffset since, CancellationToken ct);

    Task<TierCommunity?> GetCommunityAsync(CommunityRef community, CancellationToken ct);

    Task SaveCommunityAsync(TierCommunity settings, CancellationToken ct);

    /// <summary>Decays every standing to <paramref name="now"/>, moves tiers and creates nominations, set-based.</summary>
    Task<RecomputeResult> RecomputeAsync(CommunityRef community, TierPolicy policy, DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<RankedMember>> TopAsync(CommunityRef community, DateTimeOffset now, TimeSpan halfLife, int limit, CancellationToken ct);

    /// <summary>Decides a pending nomination; null when there is none pending with that id.</summary>
    Task<Nomination?> DecideNominationAsync(CommunityRef community, long id, bool approved, UserRef by, DateTimeOffset at, CancellationToken ct);
}

/// <summary>What other features read: a member's tier, for perks (link-rule exemption, tier-gated giveaways).</summary>
public interface ITierDirectory
{
    Task<Tier> GetTierAsync(CommunityRef community, UserRef user, CancellationToken ct);
}

public enum ContributionSource
{
    EventEntry,
    Content,
}

/// <summary>
/// What other features call to credit contribution (an accepted event entry, content a member wrote).
/// Runs in the caller's transaction; the reference (e.g. the entry id) makes a credit count once.
/// </summary>
public interface IContributionCredits
{
    Task<bool> CreditAsync(CommunityRef community, UserRef user, ContributionSource source, string reference, DateTimeOffset at, CancellationToken ct);
}
