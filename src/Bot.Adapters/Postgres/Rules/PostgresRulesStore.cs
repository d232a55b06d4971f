using Bot.Adapters.Postgres.Core;
using Bot.Domain.Model;
using Bot.Domain.Rules;

namespace Bot.Adapters.Postgres.Rules;

public sealed class PostgresRulesStore(DbSession db) : IRulesStore
{
    public async Task<PublishedRules?> GetAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string Text, int Version, string SetBy, DateTime SetAt)>(
            "select text, version, set_by, set_at from rules where community = @c", new { c = community.ToString() }, ct);
        return rows is [var r] ? new PublishedRules(community, r.Text, r.Version, new UserRef(community.Platform, r.SetBy), Utc.Of(r.SetAt)) : null;
    }

    public async Task<PublishedRules> SetAsync(CommunityRef community, string text, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        var version = await db.ExecuteScalarAsync<int>(
            """
            insert into rules (community, text, version, set_by, set_at) values (@c, @text, 1, @by, @at)
            on conflict (community) do update set text = excluded.text, version = rules.version + 1, set_by = excluded.set_by, set_at = excluded.set_at
            returning version
            """,
            new { c = community.ToString(), text, by = by.Id, at }, ct);
        return new PublishedRules(community, text, version, by, at);
    }

    public async Task<IReadOnlyList<RulesPin>> PinsAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string ChannelId, string? MessageId, int Version)>(
            "select channel_id, message_id, version from rules_pins where community = @c order by channel_id", new { c = community.ToString() }, ct);
        return [.. rows.Select(r => new RulesPin(r.ChannelId, r.MessageId, r.Version))];
    }

    public async Task<bool> AddChatAsync(CommunityRef community, string channelId, CancellationToken ct) =>
        await db.ExecuteAsync(
            "insert into rules_pins (community, channel_id) values (@c, @channelId) on conflict do nothing",
            new { c = community.ToString(), channelId }, ct) > 0;

    public Task SetPinnedAsync(CommunityRef community, string channelId, string messageId, int version, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into rules_pins (community, channel_id, message_id, version) values (@c, @channelId, @messageId, @version)
        on conflict (community, channel_id) do update set message_id = excluded.message_id, version = greatest(rules_pins.version, excluded.version)
        """,
        new { c = community.ToString(), channelId, messageId, version }, ct);
}
