using System.Text.Json;
using Bot.Domain.Actions;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres.Outbox;

/// <summary>An outbox row as the executors see it: its action and how many times it has been tried.</summary>
public sealed record OutboxItem(long Id, BotAction Action, int Attempts);

/// <summary>What the outbox and its neighbours hold, for <c>/metrics</c> and staff.</summary>
public sealed record OutboxHealth(long Pending, double OldestPendingSeconds, long DeadLetters, long PoisonUpdates);

/// <summary>A dead letter as staff see it.</summary>
public sealed record DeadLetter(long Id, string Community, string ActionType, string Reason, int Attempts, DateTime FailedAt);

/// <summary>
/// Every statement about processed event ids, the outbox, dead letters and poison updates. Writes in a batch go
/// through its <see cref="DbSession"/> (one transaction with the features' state); the rest are single set-based
/// statements on their own connection, so a batch of rows costs one round trip, not one per row.
/// </summary>
public sealed class PostgresOutboxStore(NpgsqlDataSource dataSource)
{
    // jsonb does not keep key order, so the type discriminator may come back anywhere in the object.
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    /// <summary>Inserts the batch's event ids; returns those not seen before.</summary>
    public async Task<HashSet<string>> ClaimEventsAsync(DbSession db, IReadOnlyCollection<string> eventIds, CancellationToken ct) =>
        [.. await db.QueryAsync<string>(
            "insert into processed_events (event_id) select unnest(@ids) on conflict do nothing returning event_id", new { ids = eventIds.ToArray() }, ct)];

    /// <summary>Writes the batch's actions leased to <paramref name="owner"/>, so nobody else runs them while it does.</summary>
    public async Task<List<OutboxItem>> WriteAsync(
        DbSession db, IReadOnlyList<(string EventId, BotAction Action)> decided, string owner, TimeSpan lease, CancellationToken ct)
    {
        if (decided.Count == 0)
        {
            return [];
        }

        var ids = await db.QueryAsync<long>(
            """
            insert into outbox (event_id, platform, community, action, lease_owner, lease_until)
            select e, p, c, a::jsonb, @owner, now() + make_interval(secs => @lease)
            from unnest(@eventIds, @platforms, @communities, @payloads) with ordinality as t(e, p, c, a, n) order by n
            returning id
            """,
            new
            {
                eventIds = decided.Select(d => d.EventId).ToArray(),
                platforms = decided.Select(d => d.Action.Community.Platform.ToString()).ToArray(),
                communities = decided.Select(d => d.Action.Community.ToString()).ToArray(),
                payloads = decided.Select(d => JsonSerializer.Serialize(d.Action, Json)).ToArray(),
                owner,
                lease = lease.TotalSeconds,
            },
            ct);
        return [.. ids.Order().Zip(decided, (id, d) => new OutboxItem(id, d.Action, 0))];
    }

    /// <summary>Leases to <paramref name="owner"/> rows not done whose lease ran out (skipping rows another process is claiming).</summary>
    public async Task<List<OutboxItem>> ClaimExpiredAsync(string owner, TimeSpan lease, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Action, int Attempts)>(new CommandDefinition(
            """
            update outbox o set lease_owner = @owner, lease_until = now() + make_interval(secs => @lease)
            from (select id from outbox where done_at is null and lease_until < now() order by id limit @limit for update skip locked) due
            where o.id = due.id
            returning o.id, o.action::text, o.attempts
            """,
            new { owner, lease = lease.TotalSeconds, limit }, cancellationToken: ct));
        return [.. rows.OrderBy(r => r.Id).Select(r => new OutboxItem(r.Id, JsonSerializer.Deserialize<BotAction>(r.Action, Json)!, r.Attempts))];
    }

    /// <summary>Extends the leases <paramref name="owner"/> still holds; returns how many it still holds.</summary>
    public async Task<int> RenewAsync(string owner, IReadOnlyCollection<long> ids, TimeSpan lease, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "update outbox set lease_until = now() + make_interval(secs => @lease) where id = any(@ids) and lease_owner = @owner and done_at is null",
            new { owner, ids = ids.ToArray(), lease = lease.TotalSeconds }, cancellationToken: ct));
    }

    /// <summary>Gives back the leases of rows not done (at a graceful stop), so the next process starts on them at once.</summary>
    public async Task ReleaseAsync(string owner, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update outbox set lease_until = now() where lease_owner = @owner and done_at is null and lease_until > now()",
            new { owner }, cancellationToken: ct));
    }

    /// <summary>Marks an action done; a <paramref name="sensitive"/> one (a sign-in link) forgets its text as it is marked.</summary>
    public async Task MarkDoneAsync(long id, bool sensitive, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            update outbox set done_at = now(), attempts = attempts + 1, lease_owner = null,
                action = case when @sensitive then action || '{"text": "[redacted]"}'::jsonb else action end
            where id = @id
            """,
            new { id, sensitive }, cancellationToken: ct));
    }

    /// <summary>Marks actions done in the batch's transaction: the one that commits their results (<c>ActionCompleted</c>).</summary>
    public async Task MarkDoneAsync(DbSession db, IReadOnlyList<OutboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return;
        }

        await db.ExecuteAsync(
            """
            update outbox o set done_at = now(), attempts = o.attempts + 1, lease_owner = null,
                action = case when d.sensitive then o.action || '{"text": "[redacted]"}'::jsonb else o.action end
            from unnest(@ids, @sensitive) as d(id, sensitive)
            where o.id = d.id and o.done_at is null
            """,
            new { ids = items.Select(i => i.Id).ToArray(), sensitive = items.Select(i => i.Action.Sensitive).ToArray() }, ct);
    }

    /// <summary>A failure worth another try: the lease is kept until <paramref name="retryAfter"/> from now, then the replayer takes it.</summary>
    public async Task RetryLaterAsync(long id, string error, TimeSpan retryAfter, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "update outbox set attempts = attempts + 1, last_error = @error, lease_until = now() + make_interval(secs => @wait) where id = @id",
            new { id, error, wait = retryAfter.TotalSeconds }, cancellationToken: ct));
    }

    /// <summary>Moves a row that failed for good to the dead letters, with the reason.</summary>
    public async Task DeadLetterAsync(long id, string reason, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            with moved as (delete from outbox where id = @id returning *)
            insert into dead_letters (id, event_id, platform, community, action, reason, attempts, created_at)
            select id, event_id, platform, coalesce(community, action->'community'->>'platform' || ':' || (action->'community'->>'id')),
                action, @reason, attempts + 1, created_at
            from moved
            on conflict (id) do nothing
            """,
            new { id, reason }, cancellationToken: ct));
    }

    /// <summary>The newest dead letters of a community.</summary>
    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string community, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<DeadLetter>(new CommandDefinition(
            """
            select id, community, action->>'$action' as actiontype, reason, attempts, failed_at as failedat
            from dead_letters where community = @community order by failed_at desc, id desc limit @limit
            """,
            new { community, limit }, cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>Puts a community's dead letters (one, or all when <paramref name="id"/> is null) back into the outbox, due now.</summary>
    public async Task<int> RetryDeadLettersAsync(string community, long? id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            with back as (delete from dead_letters where community = @community and (@id::bigint is null or id = @id) returning *)
            insert into outbox (id, event_id, platform, community, action, created_at, attempts, last_error, lease_until)
            select id, event_id, platform, community, action, created_at, 0, reason, '-infinity' from back
            """,
            new { community, id }, cancellationToken: ct));
    }

    /// <summary>Sets an update aside after repeated failures; true when it was not set aside before.</summary>
    public async Task<bool> SetAsideAsync(string source, string updateId, string? community, string payload, string reason, int failures, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into poison_updates (source, update_id, community, payload, reason, failures) values (@source, @updateId, @community, @payload, @reason, @failures)
            on conflict do nothing
            """,
            new { source, updateId, community, payload = payload.Replace("\0", string.Empty, StringComparison.Ordinal), reason, failures }, cancellationToken: ct)) > 0;
    }

    public async Task<OutboxHealth> HealthAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<OutboxHealth>(new CommandDefinition(
            """
            select (select count(*) from outbox where done_at is null) as pending,
                coalesce((select extract(epoch from now() - min(created_at))::float8 from outbox where done_at is null), 0) as oldestpendingseconds,
                (select count(*) from dead_letters) as deadletters,
                (select count(*) from poison_updates) as poisonupdates
            """,
            cancellationToken: ct));
    }
}
