using Bot.Domain.Model;

namespace Bot.Domain.Invites;

/// <summary>
/// An invitee's way through the reward: pending → rewarded (or qualified, when attribution is uncertain and
/// staff decide), or left / expired; rejoins, self-invites and too-young accounts never count.
/// </summary>
public enum InviteStatus
{
    Pending,
    Qualified,
    Rewarded,
    Left,
    Expired,
    Rejoin,
    TooYoung,
    SelfInvite,
}

/// <summary>A member's personal invite link; <see cref="Code"/> is its last path segment, what joins report.</summary>
public sealed record InviteLink(CommunityRef Community, string Code, string Url, UserRef Owner, DateTimeOffset CreatedAt);

/// <summary>Where to answer when the platform has created the link asked for with <see cref="Correlation"/>.</summary>
public sealed record InviteRequest(
    string Correlation, CommunityRef Community, UserRef User, string ChannelId, string? MessageId, string? InteractionId, string? ThreadId);

public sealed record InviteJoin(
    long Id,
    CommunityRef Community,
    UserRef User,
    string DisplayName,
    string Code,
    UserRef Inviter,
    DateTimeOffset JoinedAt,
    bool Certain,
    InviteStatus Status,
    int Messages = 0,
    DateTimeOffset? LeftAt = null);

public sealed record InviteSummary(int Pending, int Qualified, int Rewarded, int Left, int NotCounted);

public sealed record InviterCount(UserRef User, string DisplayName, int Rewarded, int Pending);

/// <summary>Per link: joins, and of those old enough, how many were still here after 7 and 30 days.</summary>
public sealed record LinkReport(string Url, string OwnerName, int Joins, int Present7, int Eligible7, int Present30, int Eligible30);

public interface IInviteStore
{
    Task<InviteLink?> LinkOfAsync(CommunityRef community, UserRef owner, CancellationToken ct);

    Task<InviteLink?> FindLinkAsync(CommunityRef community, string code, CancellationToken ct);

    Task SaveLinkAsync(InviteLink link, CancellationToken ct);

    Task SaveRequestAsync(InviteRequest request, CancellationToken ct);

    /// <summary>Removes and returns the request, so a completion is answered once.</summary>
    Task<InviteRequest?> TakeRequestAsync(string correlation, CancellationToken ct);

    Task<bool> HasJoinedBeforeAsync(CommunityRef community, UserRef user, CancellationToken ct);

    Task<long> AddJoinAsync(InviteJoin join, CancellationToken ct);

    Task<InviteJoin?> GetJoinAsync(CommunityRef community, long id, bool forUpdate, CancellationToken ct);

    /// <summary>Moves a join from one status to another; false when it was not in <paramref name="from"/> (already done).</summary>
    Task<bool> MoveAsync(CommunityRef community, long id, InviteStatus from, InviteStatus to, DateTimeOffset at, CancellationToken ct);

    Task CountMessageAsync(CommunityRef community, UserRef user, CancellationToken ct);

    Task MarkLeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct);

    Task<InviteSummary> SummaryAsync(CommunityRef community, UserRef inviter, CancellationToken ct);

    Task<IReadOnlyList<InviterCount>> TopAsync(CommunityRef community, int limit, CancellationToken ct);

    Task<IReadOnlyList<LinkReport>> ReportAsync(CommunityRef community, DateTimeOffset now, CancellationToken ct);
}
