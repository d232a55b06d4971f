using Bot.Domain.Model;
using Bot.Domain.Privacy;

namespace Bot.Adapters.Postgres.Privacy;

/// <summary>Export and erasure over <see cref="PersonalDataTables"/>, in the batch's transaction.</summary>
public sealed class PostgresPersonalDataStore(DbSession db) : IPersonalDataStore
{
    /// <summary>Actions that enforce moderation on the member: still owed when they erase, so a pending one still runs.</summary>
    private static readonly string[] SanctionActions = ["TimeoutMember", "RemoveTimeout", "KickMember", "BanMember", "UnbanMember"];

    /// <summary>Free text is rewritten only for names at least this long: a one-letter name would match everywhere.</summary>
    private const int ShortestName = 2;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>> ExportAsync(
        CommunityRef community, UserRef user, CancellationToken ct)
    {
        var args = new { c = community.ToString(), u = user.Id };
        var secret = (await db.QueryAsync<(string Table, string Column)>(
            """
            select c.table_name, c.column_name from information_schema.columns c
            join pg_catalog.pg_class t on t.relname = c.table_name and t.relnamespace = 'public'::regnamespace
            where c.table_schema = 'public' and col_description(t.oid, c.ordinal_position) like 'secret%'
            """, null, ct)).ToHashSet();
        var result = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>();
        var counts = new Dictionary<string, object?>();
        foreach (var table in PersonalDataTables.All.Select(c => c.Table).Distinct())
        {
            var columns = PersonalDataTables.All.Where(c => c.Table == table).ToList();
            var own = columns.Where(c => c.Export == Export.Rows).Select(c => $"{c.Column} = @u").ToList();
            if (own.Count > 0)
            {
                var rows = await db.QueryAsync<dynamic>(
                    $"select * from {table} where community = @c and ({string.Join(" or ", own)})", args, ct);
                if (rows.Count > 0)
                {
                    result[table] = [.. rows.Select(r => (IReadOnlyDictionary<string, object?>)((IDictionary<string, object?>)r)
                        .Where(kv => !secret.Contains((table, kv.Key))).ToDictionary(kv => kv.Key, kv => kv.Value))];
                }
            }

            // Rows about other people the member only acted on: how many, not whose.
            foreach (var column in columns.Where(c => c.Export == Export.Count))
            {
                var count = await db.ExecuteScalarAsync<long>(
                    $"select count(*) from {table} where community = @c and {column.Column} = @u" + (own.Count > 0 ? $" and not ({string.Join(" or ", own)})" : string.Empty),
                    args, ct);
                if (count > 0)
                {
                    counts[$"{table}.{column.Column}"] = count;
                }
            }
        }

        if (counts.Count > 0)
        {
            result["rows_about_others"] = [counts];
        }

        return result;
    }

    public async Task<int> EraseAsync(CommunityRef community, UserRef user, string pseudonym, TimeSpan strikeDecay, CancellationToken ct)
    {
        var changed = 0;
        var args = new { c = community.ToString(), u = user.Id, anonymousId = pseudonym, decay = strikeDecay };

        // Free text that names the member (command arguments in the audit log, relayed text) is rewritten before the names go.
        // Shop customer keys linked to the member (emails typed with /tier link) are names too.
        var names = (await db.QueryAsync<string>(
            """
            select unnest(array[user_id, username, display_name]) from members where community = @c and user_id = @u
            union all select customer_key from tier_customer_links where community = @c and user_id = @u
            """, args, ct))
            .Where(n => !string.IsNullOrWhiteSpace(n) && n.Length >= ShortestName).Append(user.Id).Distinct().ToArray();
        foreach (var name in names)
        {
            changed += await db.ExecuteAsync(
                "update audit_log set reason = replace(reason, @name, @anonymousId) where community = @c and strpos(reason, @name) > 0",
                new { c = community.ToString(), name, anonymousId = pseudonym }, ct);
            // Commands are kept as messages: staff's lines naming the member (/warn, /privacy erase) are rewritten too.
            changed += await db.ExecuteAsync(
                "update messages set text = replace(text, @name, @anonymousId) where community = @c and strpos(text, @name) > 0",
                new { c = community.ToString(), name, anonymousId = pseudonym }, ct);
        }

        // The member's own words in audit entries about them (an appeal's text, a rule hit's excerpt) go; what happened stays.
        changed += await db.ExecuteAsync(
            """
            update audit_log set reason = split_part(reason, ': ', 1)
            where community = @c and (target_id = @u or actor_id = @u) and action in ('appeal', 'would-act') and strpos(reason, ': ') > 0
            """, args, ct);

        // Names and ids kept outside id columns: staff-thread author names, drawn giveaway winners.
        changed += await db.ExecuteAsync(
            "update ticket_messages set author_name = @anonymousId where community = @c and author_id = @u", args, ct);
        changed += await db.ExecuteAsync(
            "update giveaways set drawn = array_replace(drawn, @u, @anonymousId) where community = @c and @u = any(drawn)", args, ct);

        // Moderation keeps what the ladder and running sanctions need, without the text, until the strikes decay
        // (a permanent ban: until it is lifted by hand).
        changed += await db.ExecuteAsync(
            """
            update moderation_infractions set reason = '', excerpt = null,
                forget_at = case when action = 'ban' then 'infinity'::timestamptz else greatest(at + @decay, coalesce(expires_at, at)) end
            where community = @c and user_id = @u
            """, args, ct);
        changed += await db.ExecuteAsync("update moderation_appeals set text = '' where community = @c and user_id = @u", args, ct);

        foreach (var column in PersonalDataTables.All.OrderBy(c => c.Erasure))
        {
            var sql = column.Erasure == Erasure.Delete
                ? $"delete from {column.Table} where community = @c and {column.Column} = @u"
                : $"update {column.Table} set {column.Column} = @anonymousId where community = @c and {column.Column} = @u";
            changed += await db.ExecuteAsync(sql, args, ct);
        }

        // Actions that mention the member by id or name go, done or pending (over-matching only removes history),
        // except sanctions on the member still to be carried out.
        changed += await db.ExecuteAsync(
            """
            delete from outbox
            where action @> jsonb_build_object('community', jsonb_build_object('id', @cid))
              and exists (select 1 from unnest(@names) n where strpos(action::text, n) > 0)
              and not (done_at is null and action ->> '$action' = any(@sanctions) and action -> 'user' ->> 'id' = @u)
            """,
            new { cid = community.Id, u = user.Id, names, sanctions = SanctionActions }, ct);

        // Dead letters and poison updates keep whole actions and payloads: any that mention the member go.
        changed += await db.ExecuteAsync(
            "delete from dead_letters where community = @c and strpos(action::text, @u) > 0", args, ct);
        changed += await db.ExecuteAsync(
            "delete from poison_updates where (community = @c or community is null) and strpos(payload, @u) > 0", args, ct);
        return changed;
    }
}
