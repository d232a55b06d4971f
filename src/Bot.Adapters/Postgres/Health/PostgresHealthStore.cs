using Bot.Adapters.Postgres.Outbox;
using Bot.Domain.Health;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Health;

/// <summary>
/// A community's outbox, dead letters and poison updates for <c>/health</c>. Poison updates are counted when they name
/// the community, or name none and came from its platform (an update that could not be read names no community).
/// Retrying goes through <see cref="PostgresOutboxStore"/>, which owns the outbox statements.
/// </summary>
public sealed class PostgresHealthStore(DbSession db, PostgresOutboxStore outbox) : IHealthStore
{
    public async Task<HealthReport> ReportAsync(CommunityRef community, int latest, CancellationToken ct)
    {
        var c = community.ToString();
        var figures = await db.QuerySingleOrDefaultAsync<(long Pending, double LagSeconds, long DeadLetters, long Poison)>(
            """
            select (select count(*) from outbox where community = @c and done_at is null),
                coalesce((select extract(epoch from now() - min(created_at))::float8 from outbox where community = @c and done_at is null), 0),
                (select count(*) from dead_letters where community = @c),
                (select count(*) from poison_updates where community = @c or (community is null and source = @source))
            """,
            new { c, source = community.Platform.ToString().ToLowerInvariant() }, ct);
        var letters = await LettersAsync(c, null, latest, ct);
        return new HealthReport(figures.Pending, TimeSpan.FromSeconds(Math.Max(0, figures.LagSeconds)), figures.DeadLetters, letters, figures.Poison);
    }

    // Commits on its own, ahead of the command's batch: run again (the batch rolled back) it finds nothing left to retry.
    public Task<int> RetryAsync(CommunityRef community, long? id, CancellationToken ct) => outbox.RetryDeadLettersAsync(community.ToString(), id, ct);

    public async Task<HealthDigestMark?> LastDigestAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(DateTime PostedAt, DateTime ReportedUntil)>(
            "select posted_at, reported_until from health_digests where community = @c", new { c = community.ToString() }, ct);
        return rows is [var row] ? new HealthDigestMark(Utc(row.PostedAt), Utc(row.ReportedUntil)) : null;
    }

    public async Task<NewDeadLetters> DeadLettersSinceAsync(CommunityRef community, DateTimeOffset? after, int latest, CancellationToken ct)
    {
        var c = community.ToString();
        var since = after?.UtcDateTime;
        var (count, until) = await db.QuerySingleOrDefaultAsync<(long Count, DateTime? Until)>(
            "select count(*), max(failed_at) from dead_letters where community = @c and (@since::timestamptz is null or failed_at > @since)",
            new { c, since }, ct);
        return new NewDeadLetters(count, await LettersAsync(c, since, latest, ct), until is { } u ? Utc(u) : null);
    }

    public Task SaveDigestAsync(CommunityRef community, HealthDigestMark mark, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into health_digests (community, posted_at, reported_until) values (@c, @postedAt, @until)
        on conflict (community) do update set posted_at = excluded.posted_at, reported_until = excluded.reported_until
        """,
        new { c = community.ToString(), postedAt = mark.PostedAt.UtcDateTime, until = mark.ReportedUntil.UtcDateTime }, ct);

    private async Task<IReadOnlyList<DeadLetterEntry>> LettersAsync(string community, DateTime? since, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(long Id, string Action, string Reason, int Attempts, DateTime FailedAt)>(
            """
            select id, action->>'$action', reason, attempts, failed_at from dead_letters
            where community = @community and (@since::timestamptz is null or failed_at > @since)
            order by failed_at desc, id desc limit @limit
            """,
            new { community, since, limit }, ct);
        return [.. rows.Select(r => new DeadLetterEntry(r.Id, r.Action, r.Reason, r.Attempts, Utc(r.FailedAt)))];
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
