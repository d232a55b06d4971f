using Bot.Domain.LogChannel;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.LogChannel;

public sealed class PostgresLogChannelStore(DbSession db) : ILogChannelStore
{
    public async Task<string?> GetAsync(CommunityRef community, CancellationToken ct) =>
        (await db.QueryAsync<string>("select channel_id from log_channels where community = @c", new { c = community.ToString() }, ct)).FirstOrDefault();

    public Task SetAsync(CommunityRef community, string channelId, UserRef by, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into log_channels (community, channel_id, set_by, set_at) values (@c, @channelId, @by, @at)
        on conflict (community) do update set channel_id = excluded.channel_id, set_by = excluded.set_by, set_at = excluded.set_at
        """,
        new { c = community.ToString(), channelId, by = by.Id, at }, ct);

    public async Task<bool> ClearAsync(CommunityRef community, CancellationToken ct) =>
        await db.ExecuteAsync("delete from log_channels where community = @c", new { c = community.ToString() }, ct) > 0;

    public async Task<LoggedMessage?> MessageAsync(CommunityRef community, string channelId, string messageId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string UserId, string? Text, string? Name)>(
            """
            select x.user_id, x.text, m.display_name
            from messages x left join members m on m.community = x.community and m.user_id = x.user_id
            where x.community = @c and x.channel_id = @channelId and x.message_id = @messageId
            """,
            new { c = community.ToString(), channelId, messageId }, ct);
        return rows is [var r] ? new LoggedMessage(new UserRef(community.Platform, r.UserId), r.Name ?? r.UserId, r.Text) : null;
    }

    public Task UpdateTextAsync(CommunityRef community, string channelId, string messageId, string text, CancellationToken ct) => db.ExecuteAsync(
        // Text cleared by retention stays cleared: an edit does not bring an old message's text back.
        "update messages set text = @text where community = @c and channel_id = @channelId and message_id = @messageId and text is not null",
        new { c = community.ToString(), channelId, messageId, text }, ct);
}
