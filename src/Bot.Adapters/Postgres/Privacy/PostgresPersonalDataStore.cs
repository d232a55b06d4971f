using Bot.Domain.Model;
using Bot.Domain.Privacy;

namespace Bot.Adapters.Postgres.Privacy;

/// <summary>Export and erasure over <see cref="PersonalDataTables"/>, in the batch's transaction.</summary>
public sealed class PostgresPersonalDataStore(DbSession db) : IPersonalDataStore
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>> ExportAsync(
        CommunityRef community, UserRef user, CancellationToken ct)
    {
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>();
        foreach (var table in PersonalDataTables.All.Select(c => c.Table).Distinct())
        {
            var columns = PersonalDataTables.All.Where(c => c.Table == table).Select(c => $"{c.Column} = @u");
            var rows = await db.QueryAsync<dynamic>(
                $"select * from {table} where community = @c and ({string.Join(" or ", columns)})", new { c = community.ToString(), u = user.Id }, ct);
            if (rows.Count > 0)
            {
                result[table] = [.. rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>((IDictionary<string, object?>)r))];
            }
        }

        return result;
    }

    public async Task<int> EraseAsync(CommunityRef community, UserRef user, string anonymousId, CancellationToken ct)
    {
        var changed = 0;
        var args = new { c = community.ToString(), u = user.Id, anonymousId };

        // Free text that names the member (command arguments in the audit log) is rewritten before the names go.
        var names = await db.QueryAsync<string>(
            "select unnest(array[user_id, username, display_name]) from members where community = @c and user_id = @u", args, ct);
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Append(user.Id).Distinct())
        {
            changed += await db.ExecuteAsync(
                "update audit_log set reason = replace(reason, @name, @anonymousId) where community = @c and strpos(reason, @name) > 0",
                new { c = community.ToString(), name, anonymousId }, ct);
        }

        // Names and ids kept outside id columns: staff-thread author names, drawn giveaway winners.
        changed += await db.ExecuteAsync(
            "update ticket_messages set author_name = @anonymousId where community = @c and author_id = @u", args, ct);
        changed += await db.ExecuteAsync(
            "update giveaways set drawn = array_replace(drawn, @u, @anonymousId) where community = @c and @u = any(drawn)", args, ct);

        foreach (var column in PersonalDataTables.All.OrderBy(c => c.Erasure))
        {
            var sql = column.Erasure == Erasure.Delete
                ? $"delete from {column.Table} where community = @c and {column.Column} = @u"
                : $"update {column.Table} set {column.Column} = @anonymousId where community = @c and {column.Column} = @u";
            changed += await db.ExecuteAsync(sql, args, ct);
        }

        // Executed actions that mention the member go too (over-matching only removes history); pending ones still run.
        changed += await db.ExecuteAsync(
            "delete from outbox where done_at is not null and action @> jsonb_build_object('community', jsonb_build_object('id', @cid)) and strpos(action::text, @u) > 0",
            new { cid = community.Id, u = user.Id }, ct);

        // Dead letters and poison updates keep whole actions and payloads: any that mention the member go.
        changed += await db.ExecuteAsync(
            "delete from dead_letters where community = @c and strpos(action::text, @u) > 0", args, ct);
        changed += await db.ExecuteAsync(
            "delete from poison_updates where (community = @c or community is null) and strpos(payload, @u) > 0", args, ct);
        return changed;
    }
}
