using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Domain.Engagement.Giveaways;

/// <summary>Who may enter: a least tier, a least account age (platform account), a least membership age (in this community).</summary>
public sealed record GiveawayRequirements(Tier? MinTier = null, TimeSpan? MinAccountAge = null, TimeSpan? MinMembershipAge = null)
{
    public static readonly GiveawayRequirements None = new();

    public bool Any => MinTier is not null || MinAccountAge is not null || MinMembershipAge is not null;
}

/// <summary>
/// A lottery. <see cref="Seed"/> stays secret until <see cref="EndedAt"/>; <see cref="Commitment"/> (its SHA-256)
/// is published at the start. <see cref="Drawn"/> are the places of the drawn order announced so far: the
/// winners, then any rerolls.
/// </summary>
public sealed record Giveaway(
    long Id,
    CommunityRef Community,
    string ChannelId,
    string? MessageId,
    string Prize,
    int Winners,
    GiveawayRequirements Requirements,
    UserRef StartedBy,
    DateTimeOffset StartedAt,
    DateTimeOffset EndsAt,
    byte[] Seed,
    string Commitment,
    DateTimeOffset? EndedAt = null,
    IReadOnlyList<string>? Drawn = null)
{
    public bool Ended => EndedAt is not null;

    public IReadOnlyList<string> DrawnIds => Drawn ?? [];
}

public sealed record Entrant(string UserId, string DisplayName);

public interface IGiveawayStore
{
    /// <summary>Stores a new giveaway (its <see cref="Giveaway.Id"/> is ignored) and returns its id.</summary>
    Task<long> CreateAsync(Giveaway giveaway, CancellationToken ct);

    Task<Giveaway?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Reads and locks the giveaway until the batch commits, so that it is ended or rerolled once.</summary>
    Task<Giveaway?> LockAsync(CommunityRef community, long id, CancellationToken ct);

    Task SetMessageAsync(CommunityRef community, long id, string messageId, CancellationToken ct);

    /// <summary>Adds an entry while the giveaway is open; false when the member had already entered or it has just ended.</summary>
    Task<bool> EnterAsync(CommunityRef community, long id, Entrant entrant, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<Entrant>> EntrantsAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Records the end (first call) and the announced places of the drawn order.</summary>
    Task SaveDrawAsync(CommunityRef community, long id, DateTimeOffset endedAt, IReadOnlyList<string> drawn, CancellationToken ct);
}
