using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Adapters.Postgres.Tiering;

/// <summary>Spending mappings, customer links and purchases; customer keys are compared lower-cased (emails).</summary>
public sealed class PostgresSpendingStore(DbSession db) : ISpendingStore
{
    public async Task<SpendingColumns?> GetColumnsAsync(CommunityRef community, CancellationToken ct)
    {
        var mapping = await db.QuerySingleOrDefaultAsync<string>(
            "select mapping from tier_spending_columns where community = @c", new { c = community.ToString() }, ct);
        return mapping is null ? null : SpendingColumns.Parse(mapping).Columns;
    }

    public Task SaveColumnsAsync(CommunityRef community, SpendingColumns columns, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into tier_spending_columns (community, mapping, saved_at) values (@c, @mapping, @at)
        on conflict (community) do update set mapping = excluded.mapping, saved_at = excluded.saved_at
        """,
        new { c = community.ToString(), mapping = columns.ToString(), at }, ct);

    public async Task<IReadOnlyDictionary<string, UserRef>> FindLinksAsync(CommunityRef community, IReadOnlyList<string> customerKeys, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Key, string UserId)>(
            "select customer_key, user_id from tier_customer_links where community = @c and customer_key = any(@keys)",
            new { c = community.ToString(), keys = customerKeys.Select(Normalise).Distinct().ToArray() }, ct);
        var byKey = rows.ToDictionary(r => r.Key, r => new UserRef(community.Platform, r.UserId), StringComparer.Ordinal);
        var found = new Dictionary<string, UserRef>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in customerKeys)
        {
            if (byKey.TryGetValue(Normalise(key), out var user))
            {
                found[key] = user;
            }
        }

        return found;
    }

    public Task LinkAsync(CommunityRef community, string customerKey, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into tier_customer_links (community, customer_key, user_id, linked_by, linked_at) values (@c, @k, @u, @b, @at)
        on conflict (community, customer_key) do update set user_id = excluded.user_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at
        """,
        new { c = community.ToString(), k = Normalise(customerKey), u = user.Id, b = by.Id, at }, ct);

    public async Task<IReadOnlySet<string>> RecordAsync(IReadOnlyList<SpendingCredit> credits, CancellationToken ct)
    {
        if (credits.Count == 0)
        {
            return new HashSet<string>();
        }

        // One statement for the whole file: the ledger rows that are new (by reference) and their purchase records.
        var recorded = await db.QueryAsync<string>(
            """
            with input as (
                select * from unnest(@users, @points, @actors, @refs, @notes, @keys, @customers, @amounts, @currencies, @purchased, @sources)
                    as t(user_id, points, actor_id, reference, note, key, customer_key, amount, currency, purchased_at, source)),
            ledger as (
                insert into tier_ledger (community, user_id, at, kind, points, actor_id, reference, note)
                select @c, user_id, @at, 'Spending', points, actor_id, reference, note from input
                on conflict (community, reference) where reference is not null do nothing
                returning reference),
            purchases as (
                insert into tier_spending (community, key, user_id, customer_key, amount, currency, purchased_at, source, recorded_at)
                select distinct on (i.key) @c, i.key, i.user_id, i.customer_key, i.amount, i.currency, i.purchased_at, i.source, @at
                from input i join ledger l on l.reference = i.reference
                on conflict (community, key) do nothing)
            select reference from ledger
            """,
            new
            {
                c = credits[0].Entry.Community.ToString(),
                at = credits[0].Record.RecordedAt.ToUniversalTime(),
                users = credits.Select(c => c.Entry.User.Id).ToArray(),
                points = credits.Select(c => c.Entry.Points).ToArray(),
                actors = credits.Select(c => c.Entry.Actor?.Id).ToArray(),
                refs = credits.Select(c => c.Entry.Reference).ToArray(),
                notes = credits.Select(c => c.Entry.Note).ToArray(),
                keys = credits.Select(c => c.Record.Key).ToArray(),
                customers = credits.Select(c => c.Record.CustomerKey).ToArray(),
                amounts = credits.Select(c => c.Record.Amount).ToArray(),
                currencies = credits.Select(c => c.Record.Currency).ToArray(),
                purchased = credits.Select(c => c.Record.PurchasedAt.ToUniversalTime()).ToArray(),
                sources = credits.Select(c => c.Record.Source).ToArray(),
            },
            ct);
        return recorded.ToHashSet(StringComparer.Ordinal);
    }

    private static string Normalise(string key) => key.Trim().ToLowerInvariant();
}
