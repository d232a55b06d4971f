using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Core;

public sealed class PostgresMemberStore(DbSession db, HotCache<(CommunityRef, UserRef), (string, string?)>? recentlySeen = null) : IMemberStore
{
    private readonly HotCache<(CommunityRef, UserRef), (string, string?)> _recentlySeen = recentlySeen ?? new(TimeProvider.System);

    private const string Columns = "user_id, display_name, username, first_seen, last_seen, joined_at, left_at, account_created_at";

    public async Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        var rows = await db.QueryAsync<MemberRow>(
            $"select {Columns} from members where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id }, ct);
        return rows.Count == 0 ? null : rows[0].ToRecord(community);
    }

    public async Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct)
    {
        var rows = await db.QueryAsync<MemberRow>(
            $"""
            select {Columns} from members where community = @c and (lower(username) = lower(@n) or lower(display_name) = lower(@n) or user_id = @n)
            order by last_seen desc limit 6
            """,
            new { c = community.ToString(), n = name }, ct);
        return [.. rows.Select(r => r.ToRecord(community))];
    }

    /// <summary>Written at most once per cache period per member unless their names change: it runs on every message.</summary>
    public Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) =>
        _recentlySeen.MarkIfStale((community, member.User), (member.DisplayName, member.Username))
            ? db.ExecuteAsync(SeenSql, new { c = community.ToString(), u = member.User.Id, member.DisplayName, member.Username, at, created = member.AccountCreatedAt }, ct)
            : Task.CompletedTask;

    private const string SeenSql =
        """
        insert into members (community, user_id, display_name, username, first_seen, last_seen, account_created_at)
        values (@c, @u, @DisplayName, @Username, @at, @at, @created)
        on conflict (community, user_id) do update set display_name = excluded.display_name,
            username = coalesce(excluded.username, members.username), last_seen = greatest(members.last_seen, excluded.last_seen),
            account_created_at = coalesce(excluded.account_created_at, members.account_created_at)
        """;

    public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct)
    {
        _recentlySeen.Forget((community, member.User));
        return db.ExecuteAsync(
        """
        insert into members (community, user_id, display_name, username, first_seen, last_seen, joined_at, account_created_at)
        values (@c, @u, @DisplayName, @Username, @at, @at, @at, @created)
        on conflict (community, user_id) do update set display_name = excluded.display_name,
            username = coalesce(excluded.username, members.username), joined_at = excluded.joined_at, left_at = null,
            account_created_at = coalesce(excluded.account_created_at, members.account_created_at)
        """,
        new { c = community.ToString(), u = member.User.Id, member.DisplayName, member.Username, at, created = member.AccountCreatedAt }, ct);
    }

    public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        "update members set left_at = @at where community = @c and user_id = @u",
        new { c = community.ToString(), u = user.Id, at }, ct);

    private sealed record MemberRow(
        string user_id, string display_name, string? username, DateTime first_seen, DateTime last_seen,
        DateTime? joined_at, DateTime? left_at, DateTime? account_created_at)
    {
        public MemberRecord ToRecord(CommunityRef community) => new(
            community, new UserRef(community.Platform, user_id), display_name, username,
            Utc.Of(first_seen), Utc.Of(last_seen), Utc.Of(joined_at), Utc.Of(left_at), Utc.Of(account_created_at));
    }
}

public sealed class PostgresMessageLog(DbSession db) : IMessageLog
{
    public Task AppendAsync(StoredMessage message, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into messages (community, channel_id, message_id, user_id, at, text, length)
        values (@c, @ChannelId, @MessageId, @u, @At, @Text, @length)
        on conflict (community, channel_id, message_id) do update set user_id = excluded.user_id, at = excluded.at, text = excluded.text, length = excluded.length
        """,
        new { c = message.Community.ToString(), message.ChannelId, message.MessageId, u = message.Author.Id, message.At, message.Text, length = message.Text.Length }, ct);

    public async Task<IReadOnlyList<StoredMessage>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Map(community, await db.QueryAsync<MessageRow>(
            "select channel_id, message_id, user_id, at, text from messages where community = @c and text is not null order by at desc limit @limit",
            new { c = community.ToString(), limit }, ct));

    public async Task<IReadOnlyList<StoredMessage>> RecentByAuthorAsync(CommunityRef community, UserRef author, DateTimeOffset since, CancellationToken ct) =>
        Map(community, await db.QueryAsync<MessageRow>(
            "select channel_id, message_id, user_id, at, text from messages where community = @c and user_id = @u and at >= @since and text is not null order by at",
            new { c = community.ToString(), u = author.Id, since }, ct));

    private static List<StoredMessage> Map(CommunityRef community, IReadOnlyList<MessageRow> rows) =>
        [.. rows.Select(r => new StoredMessage(community, r.channel_id, r.message_id, new UserRef(community.Platform, r.user_id), Utc.Of(r.at), r.text))];

    private sealed record MessageRow(string channel_id, string message_id, string user_id, DateTime at, string text);
}

/// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks <see cref="DateTimeOffset"/>.</summary>
public static class Utc
{
    public static DateTimeOffset Of(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Of(DateTime? value) => value is null ? null : Of(value.Value);
}
