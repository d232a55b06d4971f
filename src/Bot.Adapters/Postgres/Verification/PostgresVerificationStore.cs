using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Verification;

namespace Bot.Adapters.Postgres.Verification;

public sealed class PostgresVerificationStore(DbSession db) : IVerificationStore
{
    public async Task<VerificationSettings> GetSettingsAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string? Welcome, bool Enabled)>(
            "select welcome, enabled from verification_settings where community = @c", new { c = community.ToString() }, ct);
        return rows is [var r] ? new VerificationSettings(r.Welcome, r.Enabled) : VerificationSettings.Default;
    }

    public Task SetWelcomeAsync(CommunityRef community, string welcome, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into verification_settings (community, welcome) values (@c, @welcome)
        on conflict (community) do update set welcome = excluded.welcome
        """,
        new { c = community.ToString(), welcome }, ct);

    public Task SetEnabledAsync(CommunityRef community, bool enabled, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into verification_settings (community, enabled) values (@c, @enabled)
        on conflict (community) do update set enabled = excluded.enabled
        """,
        new { c = community.ToString(), enabled }, ct);

    public Task AddNewcomerAsync(CommunityRef community, UserRef user, DateTimeOffset joinedAt, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into verification_newcomers (community, user_id, joined_at) values (@c, @u, @joinedAt)
        on conflict (community, user_id) do update
            set joined_at = excluded.joined_at, verified_at = null, verified_by = null, explained = false
        """,
        new { c = community.ToString(), u = user.Id, joinedAt }, ct);

    public async Task<Newcomer?> GetNewcomerAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Map(user, await db.QueryAsync<(DateTime JoinedAt, DateTime? VerifiedAt, bool Explained)>(
            "select joined_at, verified_at, explained from verification_newcomers where community = @c and user_id = @u",
            new { c = community.ToString(), u = user.Id }, ct));

    public async Task<Newcomer?> HeldAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        db.Loaded<(string, string), Newcomer?>(Preload.Name).TryGetValue((community.ToString(), user.Id), out var loaded) ? loaded : Map(user, await db.QueryAsync<(DateTime JoinedAt, DateTime? VerifiedAt, bool Explained)>(
            """
            select n.joined_at, n.verified_at, n.explained
            from verification_newcomers n join verification_settings s on s.community = n.community
            where n.community = @c and n.user_id = @u and n.verified_at is null and s.enabled
            """,
            new { c = community.ToString(), u = user.Id }, ct));

    public async Task<bool> MarkExplainedAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        Forget(community, user);
        return await db.ExecuteAsync(
            "update verification_newcomers set explained = true where community = @c and user_id = @u and not explained",
            new { c = community.ToString(), u = user.Id }, ct) > 0;
    }

    public async Task<bool> VerifyAsync(CommunityRef community, UserRef user, UserRef by, DateTimeOffset at, int rulesVersion, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            insert into verification_newcomers (community, user_id, joined_at, verified_at, verified_by, rules_version)
            values (@c, @u, @at, @at, @by, @rulesVersion)
            on conflict (community, user_id) do update
                set verified_at = excluded.verified_at, verified_by = excluded.verified_by, rules_version = excluded.rules_version
                where verification_newcomers.verified_at is null
            """,
            new { c = community.ToString(), u = user.Id, at, by = by.Id, rulesVersion }, ct) > 0;

    public Task RemoveAsync(CommunityRef community, UserRef user, CancellationToken ct) => db.ExecuteAsync(
        "delete from verification_newcomers where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id }, ct);

    // A change to a newcomer's row: what was preloaded for them no longer holds.
    private void Forget(CommunityRef community, UserRef user) => db.Loaded<(string, string), Newcomer?>(Preload.Name).Remove((community.ToString(), user.Id));

    /// <summary>Which of a batch's authors are held newcomers (checked on every message), in one statement.</summary>
    public sealed class Preload : IBatchPreloader
    {
        public const string Name = "verification_held";

        public async Task PreloadAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            var keys = BatchKeys.Authors(events);
            if (keys.Count == 0)
            {
                return;
            }

            var rows = await db.QueryAsync<(string Community, string User, DateTime JoinedAt, DateTime? VerifiedAt, bool Explained)>(
                """
                select n.community, n.user_id, n.joined_at, n.verified_at, n.explained
                from verification_newcomers n join verification_settings s on s.community = n.community
                join unnest(@c, @u) k(c, u) on n.community = k.c and n.user_id = k.u
                where n.verified_at is null and s.enabled
                """,
                new { c = keys.Select(k => k.Community).ToArray(), u = keys.Select(k => k.User).ToArray() }, ct);
            var loaded = db.Loaded<(string, string), Newcomer?>(Name);
            foreach (var key in keys)
            {
                loaded[key] = null;
            }

            foreach (var r in rows)
            {
                var community = CommunityRef.Parse(r.Community);
                loaded[(r.Community, r.User)] = new Newcomer(new UserRef(community.Platform, r.User), Utc.Of(r.JoinedAt), Utc.Of(r.VerifiedAt), r.Explained);
            }
        }
    }

    private static Newcomer? Map(UserRef user, IReadOnlyList<(DateTime JoinedAt, DateTime? VerifiedAt, bool Explained)> rows) =>
        rows is [var r] ? new Newcomer(user, Utc.Of(r.JoinedAt), Utc.Of(r.VerifiedAt), r.Explained) : null;
}
