using Bot.Adapters.Postgres.Batch;
using Bot.Domain.Audit;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Adapters.Postgres.Core;

public sealed class PostgresCommunityStore(DbSession db, HotCache<CommunityRef, CommunitySettings?> cache) : ICommunityStore
{
    public Task<CommunitySettings?> GetAsync(CommunityRef community, CancellationToken ct) => cache.GetAsync(community, () => LoadAsync(community, ct));

    private async Task<CommunitySettings?> LoadAsync(CommunityRef community, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<(string Language, string TimeZone, string? Staff, string? Help)>(
            "select language, time_zone, staff_channel, help_channel from communities where community = @c",
            new { c = community.ToString() }, ct);
        return row.Language is null ? null : new CommunitySettings(community, row.Language, row.TimeZone, row.Staff, row.Help);
    }

    public async Task SaveAsync(CommunitySettings settings, CancellationToken ct)
    {
        cache.Forget(settings.Community);
        await db.ExecuteAsync(
        """
        insert into communities (community, language, time_zone, staff_channel, help_channel)
        values (@c, @Language, @TimeZone, @StaffChannelId, @HelpChannelId)
        on conflict (community) do update set language = excluded.language, time_zone = excluded.time_zone,
            staff_channel = excluded.staff_channel, help_channel = excluded.help_channel, updated_at = now()
        """,
        new { c = settings.Community.ToString(), settings.Language, settings.TimeZone, settings.StaffChannelId, settings.HelpChannelId }, ct);
    }
}

public sealed class PostgresStaffStore(
    DbSession db, HotCache<(CommunityRef, UserRef), IReadOnlySet<StaffRole>> cache, HotCache<(CommunityRef, UserRef), string> platformSeen) : IStaffStore
{
    public Task<IReadOnlySet<StaffRole>> GetGrantsAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        cache.GetAsync((community, user), () => LoadAsync(community, user, ct));

    private async Task<IReadOnlySet<StaffRole>> LoadAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        var roles = await db.QueryAsync<string>(
            "select role from staff_grants where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id }, ct);
        return roles.Select(r => Enum.Parse<StaffRole>(r, ignoreCase: true)).ToHashSet();
    }

    public async Task<bool> GrantAsync(CommunityRef community, UserRef user, StaffRole role, UserRef by, CancellationToken ct)
    {
        cache.Forget((community, user));
        return await db.ExecuteAsync(
            "insert into staff_grants (community, user_id, role, granted_by) values (@c, @u, @r, @b) on conflict do nothing",
            new { c = community.ToString(), u = user.Id, r = role.ToString().ToLowerInvariant(), b = by.Id }, ct) > 0;
    }

    public async Task<bool> RevokeAsync(CommunityRef community, UserRef user, StaffRole role, CancellationToken ct)
    {
        cache.Forget((community, user));
        return await db.ExecuteAsync(
            "delete from staff_grants where community = @c and user_id = @u and role = @r",
            new { c = community.ToString(), u = user.Id, r = role.ToString().ToLowerInvariant() }, ct) > 0;
    }

    public async Task<IReadOnlyList<(UserRef User, StaffRole Role)>> ListAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string UserId, string Role)>(
            "select user_id, role from staff_grants where community = @c order by user_id, role", new { c = community.ToString() }, ct);
        return [.. rows.Select(r => (new UserRef(community.Platform, r.UserId), Enum.Parse<StaffRole>(r.Role, ignoreCase: true)))];
    }

    // Runs on every event: written at most once per cache period per member unless the roles change; nothing kept for
    // plain members. The rows go out with the batch's other rows, in one statement.
    public Task RememberPlatformRolesAsync(CommunityRef community, UserRef user, IReadOnlySet<StaffRole> roles, CancellationToken ct)
    {
        var names = roles.Select(r => r.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
        var joined = string.Join(',', names);
        return platformSeen.MarkIfStale((community, user), joined)
            ? db.WriteAsync(PlatformRoles, (community.ToString(), user.Id), (community.ToString(), user.Id, joined), ct)
            : Task.CompletedTask;
    }

    /// <summary>Members' mapped platform roles as last seen: an empty list deletes the row, others are upserted.</summary>
    public static readonly BatchSink<(string, string), (string C, string U, string Roles)> PlatformRoles = new(
        "staff_platform_roles", BatchKeys.Order, (_, later) => later, rows => (
        """
        delete from staff_platform_roles p using unnest(@c, @u, @roles) k(c, u, r) where p.community = k.c and p.user_id = k.u and k.r = '';
        insert into staff_platform_roles (community, user_id, roles, seen_at)
        select c, u, string_to_array(r, ','), now() from unnest(@c, @u, @roles) k(c, u, r) where r <> ''
        on conflict (community, user_id) do update set roles = excluded.roles, seen_at = excluded.seen_at
        """,
        new { c = rows.Select(r => r.C).ToArray(), u = rows.Select(r => r.U).ToArray(), roles = rows.Select(r => r.Roles).ToArray() }));

    /// <summary>Loads the staff grants of a batch's authors the cache does not hold, in one statement.</summary>
    public sealed class Preload(HotCache<(CommunityRef, UserRef), IReadOnlySet<StaffRole>> cache) : IBatchPreloader
    {
        public async Task PreloadAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            List<(CommunityRef Community, UserRef User)> missing = [.. events.Select(e => (e.Community, Actor: EventContextFactory.ActorOf(e))).Where(e => e.Actor is not null)
                .Select(e => (Community: e.Community, User: e.Actor!.User)).Distinct().Where(k => !cache.Has((k.Community, k.User)))];
            if (missing.Count == 0)
            {
                return;
            }

            var rows = await db.QueryAsync<(string Community, string User, string Role)>(
                "select g.community, g.user_id, g.role from staff_grants g join unnest(@c, @u) k(c, u) on g.community = k.c and g.user_id = k.u",
                new { c = missing.Select(k => k.Community.ToString()).ToArray(), u = missing.Select(k => k.User.Id).ToArray() }, ct);
            var grants = rows.ToLookup(r => (r.Community, r.User), r => Enum.Parse<StaffRole>(r.Role, ignoreCase: true));
            foreach (var (community, user) in missing)
            {
                cache.Put((community, user), grants[(community.ToString(), user.Id)].ToHashSet());
            }
        }
    }

    public async Task<IReadOnlySet<StaffRole>> GetPlatformRolesAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        if (db.TryPending(PlatformRoles, (community.ToString(), user.Id), out var pending))
        {
            return pending.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => Enum.Parse<StaffRole>(r, ignoreCase: true)).ToHashSet();
        }

        var rows = await db.QueryAsync<string[]>(
            "select roles from staff_platform_roles where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id }, ct);
        return rows.SelectMany(r => r).Select(r => Enum.Parse<StaffRole>(r, ignoreCase: true)).ToHashSet();
    }
}

public sealed class PostgresAuditLog(DbSession db) : IAuditLog
{
    public Task RecordAsync(AuditEntry entry, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into audit_log (community, at, actor_id, action, target_id, source, reason)
        values (@c, @At, @actor, @Action, @target, @Source, @Reason)
        """,
        new { c = entry.Community.ToString(), entry.At, actor = entry.Actor?.Id, entry.Action, target = entry.Target?.Id, entry.Source, entry.Reason }, ct);

    public async Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(DateTime At, string? Actor, string Action, string? Target, string Source, string Reason)>(
            "select at, actor_id, action, target_id, source, reason from audit_log where community = @c order by id desc limit @limit",
            new { c = community.ToString(), limit }, ct);
        return [.. rows.Select(r => new AuditEntry(
            community, new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
            r.Actor is null ? null : new UserRef(community.Platform, r.Actor), r.Action,
            r.Target is null ? null : new UserRef(community.Platform, r.Target), r.Source, r.Reason))];
    }
}
