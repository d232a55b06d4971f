using Bot.Domain.Model;

namespace Bot.Domain.Dashboard;

/// <summary>Who a link or session signs in: the member as the platform showed them when they asked for the link.</summary>
public sealed record DashboardMember(CommunityRef Community, Member Member);

/// <summary>A signed-in browser: <see cref="Id"/> is the row's own id (the cookie holds a secret whose hash finds it).</summary>
public sealed record DashboardSession(long Id, DashboardMember Who, DateTimeOffset ExpiresAt);

/// <summary>
/// Sign-in links and sessions. Only SHA-256 hashes of their secrets are stored, so a copy of the database signs
/// nobody in.
/// </summary>
public interface IDashboardStore
{
    Task AddLinkAsync(string tokenHash, DashboardMember who, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>Uses the link up: returns who it signs in, or null when it is unknown, used or expired (at <paramref name="now"/>).</summary>
    Task<DashboardMember?> RedeemLinkAsync(string tokenHash, DateTimeOffset now, CancellationToken ct);

    Task AddSessionAsync(string secretHash, DashboardMember who, DateTimeOffset expiresAt, CancellationToken ct);

    /// <summary>The session whose secret hashes to <paramref name="secretHash"/>, when it is neither revoked nor expired.</summary>
    Task<DashboardSession?> FindSessionAsync(string secretHash, DateTimeOffset now, CancellationToken ct);

    Task RevokeSessionAsync(long id, CancellationToken ct);

    /// <summary>Ends every session of a member in a community (their staff role was revoked).</summary>
    Task<int> RevokeAllAsync(CommunityRef community, UserRef user, CancellationToken ct);
}
