using System.Globalization;
using Bot.Adapters.Postgres;
using Bot.Domain.Community;
using Bot.Domain.Dashboard;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Host.Dashboard;

/// <summary>A signed-in staff member as the pages see them: roles resolved now, the community's language and zone.</summary>
public sealed record StaffUser(long SessionId, CommunityRef Community, Member Member, IReadOnlySet<StaffRole> Roles, CommunitySettings Settings)
{
    public CultureInfo Culture => Languages.Culture(Settings.Language);
}

/// <summary>
/// Links to sessions and sessions to staff. The cookie holds a random secret; the database only its hash. A session
/// whose member holds no staff role any more is revoked on its next use, with every other session of theirs.
/// </summary>
public sealed partial class StaffSignIn(
    IDashboardStore store,
    ICommunityStore communities,
    CommunityOptions defaults,
    StaffResolver staff,
    DbSession db,
    DashboardOptions options,
    TimeProvider time,
    ILogger<StaffSignIn> logger)
{
    public const string CookieName = "cb_dashboard";

    private const string CookiePath = "/dashboard";
    private const string CurrentKey = "dashboard.staff";

    /// <summary>Redeems a one-time link and sets the session cookie; false when the link is unknown, used, expired or its member is no longer staff.</summary>
    public async Task<bool> SignInAsync(HttpContext http, string? token, CancellationToken ct)
    {
        if (!DashboardSecrets.IsWellFormed(token))
        {
            return false;
        }

        var now = time.GetUtcNow();
        var who = await store.RedeemLinkAsync(DashboardSecrets.Hash(token!), now, ct);
        if (who is null || (await staff.ResolveAsync(who.Community, who.Member, ct)).Count == 0)
        {
            await db.CommitAsync(ct); // a used link stays used even when it signs nobody in
            return false;
        }

        var secret = DashboardSecrets.New();
        var expires = now + options.SessionLifetime;
        await store.AddSessionAsync(DashboardSecrets.Hash(secret), who, expires, ct);
        await db.CommitAsync(ct);
        http.Response.Cookies.Append(CookieName, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = options.SecureCookies,
            SameSite = SameSiteMode.Lax,
            Path = CookiePath,
            Expires = expires,
            IsEssential = true,
        });
        LogSignedIn(who.Community.ToString(), who.Member.User.Id);
        return true;
    }

    /// <summary>The staff member of this request's session, or null (no cookie, unknown, expired, revoked, no longer staff).</summary>
    public async Task<StaffUser?> CurrentAsync(HttpContext http, CancellationToken ct)
    {
        if (http.Items.TryGetValue(CurrentKey, out var cached))
        {
            return cached as StaffUser;
        }

        var user = await LoadAsync(http, ct);
        http.Items[CurrentKey] = user;
        return user;
    }

    public async Task SignOutAsync(HttpContext http, CancellationToken ct)
    {
        if (await CurrentAsync(http, ct) is { } user)
        {
            await store.RevokeSessionAsync(user.SessionId, ct);
            await db.CommitAsync(ct);
        }

        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, Secure = options.SecureCookies });
    }

    private async Task<StaffUser?> LoadAsync(HttpContext http, CancellationToken ct)
    {
        var secret = http.Request.Cookies[CookieName];
        if (!DashboardSecrets.IsWellFormed(secret)
            || await store.FindSessionAsync(DashboardSecrets.Hash(secret!), time.GetUtcNow(), ct) is not { } session)
        {
            return null;
        }

        var (community, member) = (session.Who.Community, session.Who.Member);
        var roles = await staff.ResolveAsync(community, member, ct);
        if (roles.Count == 0)
        {
            var revoked = await store.RevokeAllAsync(community, member.User, ct);
            await db.CommitAsync(ct);
            LogRevoked(community.ToString(), member.User.Id, revoked);
            return null;
        }

        var settings = await communities.GetAsync(community, ct)
            ?? new CommunitySettings(community, defaults.DefaultLanguage, defaults.DefaultTimeZone);
        return new StaffUser(session.Id, community, member, roles, settings);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard sign-in for {UserId} in {Community}")]
    private partial void LogSignedIn(string community, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard: {UserId} in {Community} holds no staff role any more; {Count} session(s) revoked")]
    private partial void LogRevoked(string community, string userId, int count);
}
