using Bot.Domain.Dashboard;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Dashboard;

public sealed class PostgresDashboardReads(DbSession db) : IDashboardReads
{
    public async Task<IReadOnlyList<InfractionLine>> RecentInfractionsAsync(CommunityRef community, int limit, CancellationToken ct) =>
        [.. (await db.QueryAsync<InfractionRow>(
            """
            select id, user_id, action, reason, moderator_id, at, pardoned_at is not null as pardoned
            from moderation_infractions where community = @c order by at desc, id desc limit @limit
            """,
            new { c = community.ToString(), limit }, ct))
            .Select(r => new InfractionLine(r.id, r.user_id, r.action, r.reason, r.moderator_id, Utc(r.at), r.pardoned))];

    public async Task<IReadOnlyList<PendingAppeal>> PendingAppealsAsync(CommunityRef community, CancellationToken ct) =>
        [.. (await db.QueryAsync<AppealRow>(
            """
            select a.id, a.infraction_id, a.user_id, a.text, a.at, i.action, i.reason, i.moderator_id
            from moderation_appeals a join moderation_infractions i on i.id = a.infraction_id
            where a.community = @c and a.status = 'Pending' order by a.at, a.id
            """,
            new { c = community.ToString() }, ct))
            .Select(r => new PendingAppeal(r.id, r.infraction_id, r.user_id, r.text, Utc(r.at), r.action, r.reason, r.moderator_id))];

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private sealed record InfractionRow(long id, string user_id, string action, string reason, string? moderator_id, DateTime at, bool pardoned);

    private sealed record AppealRow(long id, long infraction_id, string user_id, string text, DateTime at, string action, string reason, string? moderator_id);
}
