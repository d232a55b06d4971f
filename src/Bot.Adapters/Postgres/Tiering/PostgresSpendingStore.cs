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

    public async Task<UserRef?> FindLinkAsync(CommunityRef community, string customerKey, CancellationToken ct)
    {
        var user = await db.QuerySingleOrDefaultAsync<string>(
            "select user_id from tier_customer_links where community = @c and customer_key = @k",
            new { c = community.ToString(), k = Normalise(customerKey) }, ct);
        return user is null ? null : new UserRef(community.Platform, user);
    }

    public Task LinkAsync(CommunityRef community, string customerKey, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into tier_customer_links (community, customer_key, user_id, linked_by, linked_at) values (@c, @k, @u, @b, @at)
        on conflict (community, customer_key) do update set user_id = excluded.user_id, linked_by = excluded.linked_by, linked_at = excluded.linked_at
        """,
        new { c = community.ToString(), k = Normalise(customerKey), u = user.Id, b = by.Id, at }, ct);

    public Task RecordAsync(SpendingRecord r, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into tier_spending (community, key, user_id, customer_key, amount, currency, purchased_at, source, recorded_at)
        values (@c, @Key, @u, @CustomerKey, @Amount, @Currency, @PurchasedAt, @Source, @RecordedAt)
        on conflict (community, key) do nothing
        """,
        new { c = r.Community.ToString(), r.Key, u = r.User.Id, r.CustomerKey, r.Amount, r.Currency, r.PurchasedAt, r.Source, r.RecordedAt }, ct);

    private static string Normalise(string key) => key.Trim().ToLowerInvariant();
}
