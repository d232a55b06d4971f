using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Core;

public sealed class PostgresCommunityChatStore(DbSession db) : ICommunityChatStore
{
    private const string Columns = "chat_id as ChatId, community as Community, role as Role, title as Title, linked_by as LinkedBy, linked_at as LinkedAt";

    public async Task<CommunityChat?> FindAsync(Platform platform, string chatId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"select {Columns} from community_chats where platform = @p and chat_id = @chatId",
            new { p = Name(platform), chatId }, ct);
        return row?.ToChat();
    }

    public async Task<IReadOnlyList<CommunityChat>> ListAsync(CommunityRef community, CancellationToken ct) =>
        [.. (await db.QueryAsync<Row>(
            $"select {Columns} from community_chats where community = @c order by role, linked_at", new { c = community.ToString() }, ct))
            .Select(r => r.ToChat())];

    public async Task LinkAsync(CommunityChat chat, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            insert into community_chats (platform, chat_id, community, role, title, linked_by, linked_at)
            values (@p, @ChatId, @c, @r, @Title, @by, @LinkedAt)
            on conflict (platform, chat_id) do update set community = excluded.community, role = excluded.role,
                title = excluded.title, linked_by = excluded.linked_by, linked_at = excluded.linked_at
            """,
            new
            {
                p = Name(chat.Community.Platform), chat.ChatId, c = chat.Community.ToString(), r = chat.Role.ToString().ToLowerInvariant(),
                chat.Title, by = chat.LinkedBy.Id, chat.LinkedAt,
            },
            ct);

    public async Task<bool> UnlinkAsync(CommunityRef community, string chatId, CancellationToken ct) =>
        await db.ExecuteAsync(
            "delete from community_chats where platform = @p and chat_id = @chatId and community = @c",
            new { p = Name(community.Platform), chatId, c = community.ToString() }, ct) > 0;

    private static string Name(Platform platform) => platform.ToString().ToLowerInvariant();

    private sealed record Row(string ChatId, string Community, string Role, string Title, string LinkedBy, DateTime LinkedAt)
    {
        public CommunityChat ToChat()
        {
            var community = CommunityRef.Parse(Community);
            return new CommunityChat(
                community, ChatId, Enum.Parse<ChatRole>(Role, ignoreCase: true), Title, new UserRef(community.Platform, LinkedBy),
                new DateTimeOffset(DateTime.SpecifyKind(LinkedAt, DateTimeKind.Utc)));
        }
    }
}
