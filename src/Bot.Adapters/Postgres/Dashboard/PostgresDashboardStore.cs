using System.Text.Json;
using Bot.Domain.Dashboard;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Dashboard;

public sealed class PostgresDashboardStore(DbSession db) : IDashboardStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AddLinkAsync(string tokenHash, DashboardMember who, DateTimeOffset expiresAt, CancellationToken ct) => db.ExecuteAsync(
        """
        delete from dashboard_links where expires_at < @expiresAt - interval '1 day';
        insert into dashboard_links (token_hash, community, user_id, member, expires_at) values (@tokenHash, @c, @u, @m::jsonb, @expiresAt)
        """,
        new { tokenHash, c = who.Community.ToString(), u = who.Member.User.Id, m = JsonSerializer.Serialize(who.Member, Json), expiresAt }, ct);

    // One statement marks it used only if unused and unexpired, so two browsers racing for one link cannot both win.
    public async Task<DashboardMember?> RedeemLinkAsync(string tokenHash, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<MemberRow>(
            "update dashboard_links set used_at = @now where token_hash = @tokenHash and used_at is null and expires_at > @now returning community, member",
            new { tokenHash, now }, ct);
        return row?.ToMember();
    }

    // Old rows go as new ones come: a session ended a day ago is of no use to anyone.
    public Task AddSessionAsync(string secretHash, DashboardMember who, DateTimeOffset expiresAt, CancellationToken ct) => db.ExecuteAsync(
        """
        delete from dashboard_sessions where expires_at < now() - interval '1 day' or revoked_at < now() - interval '1 day';
        insert into dashboard_sessions (secret_hash, community, user_id, member, expires_at) values (@secretHash, @c, @u, @m::jsonb, @expiresAt)
        """,
        new { secretHash, c = who.Community.ToString(), u = who.Member.User.Id, m = JsonSerializer.Serialize(who.Member, Json), expiresAt }, ct);

    public async Task<DashboardSession?> FindSessionAsync(string secretHash, DateTimeOffset now, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<SessionRow>(
            "select id, community, member, expires_at from dashboard_sessions where secret_hash = @secretHash and revoked_at is null and expires_at > @now",
            new { secretHash, now }, ct);
        return row is null ? null : new DashboardSession(row.id, new MemberRow(row.community, row.member).ToMember(), new DateTimeOffset(row.expires_at, TimeSpan.Zero));
    }

    public Task RevokeSessionAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync("update dashboard_sessions set revoked_at = now() where id = @id and revoked_at is null", new { id }, ct);

    public Task<int> RevokeAllAsync(CommunityRef community, UserRef user, CancellationToken ct) => db.ExecuteAsync(
        "update dashboard_sessions set revoked_at = now() where community = @c and user_id = @u and revoked_at is null",
        new { c = community.ToString(), u = user.Id }, ct);

    private sealed record MemberRow(string community, string member)
    {
        public DashboardMember ToMember() =>
            new(CommunityRef.Parse(community), JsonSerializer.Deserialize<Member>(member, Json) ?? throw new InvalidDataException("dashboard member row is empty"));
    }

    private sealed record SessionRow(long id, string community, string member, DateTime expires_at);
}
