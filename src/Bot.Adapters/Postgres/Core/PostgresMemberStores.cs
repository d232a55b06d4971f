using Bot.Adapters.Postgres.Batch;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Core;

public sealed class PostgresMemberStore(DbSession db, HotCache<(CommunityRef, UserRef), (string, string?)>? recentlySeen = null) : IMemberStore
{
    private readonly HotCache<(CommunityRef, UserRef), (string, string?)> _recentlySeen = recentlySeen ?? new(TimeProvider.System);

    private const string Columns = "user_id, display_name, username, first_seen, last_seen, joined_at, left_at, account_created_at";

    public async Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        var key = (community.ToString(), user.Id);
        if (!db.Loaded<(string, string), MemberRecord?>(Preload.Name).TryGetValue(key, out var record))
        {
            var rows = await db.QueryAsync<MemberRow>(
                $"select {Columns} from members where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id }, ct);
            record = rows.Count == 0 ? null : rows[0].ToRecord(community);
        }

        // The batch's own sighting, not written yet, laid over the stored record as the upsert will.
        return db.TryPending(Sightings, key, out var seen) ? seen.Over(record, community) : record;
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
            ? db.WriteAsync(Sightings, (community.ToString(), member.User.Id), new Sighting(
                community.ToString(), member.User.Id, member.DisplayName, member.Username, at.UtcDateTime, member.AccountCreatedAt?.UtcDateTime), ct)
            : Task.CompletedTask;

    /// <summary>Members seen in the batch, upserted in one statement at its end (the newer names win, the dates widen).</summary>
    public static readonly BatchSink<(string, string), Sighting> Sightings = new("members", BatchKeys.Order, (earlier, later) => later with
    {
        Username = later.Username ?? earlier.Username,
        At = later.At > earlier.At ? later.At : earlier.At,
        FirstAt = earlier.FirstAt < later.FirstAt ? earlier.FirstAt : later.FirstAt,
        Created = later.Created ?? earlier.Created,
    }, rows => (
        """
        insert into members (community, user_id, display_name, username, first_seen, last_seen, account_created_at)
        select * from unnest(@c, @u, @names, @usernames, @firstAt, @at, @created)
        on conflict (community, user_id) do update set display_name = excluded.display_name,
            username = coalesce(excluded.username, members.username), last_seen = greatest(members.last_seen, excluded.last_seen),
            account_created_at = coalesce(excluded.account_created_at, members.account_created_at)
        """,
        new
        {
            c = rows.Select(r => r.Community).ToArray(),
            u = rows.Select(r => r.User).ToArray(),
            names = rows.Select(r => r.DisplayName).ToArray(),
            usernames = rows.Select(r => r.Username).ToArray(),
            firstAt = rows.Select(r => r.FirstAt).ToArray(),
            at = rows.Select(r => r.At).ToArray(),
            created = rows.Select(r => r.Created).ToArray(),
        }));

    public sealed record Sighting(string Community, string User, string DisplayName, string? Username, DateTime At, DateTime? Created)
    {
        public DateTime FirstAt { get; init; } = At;

        public MemberRecord Over(MemberRecord? stored, CommunityRef community) => stored is null
            ? new MemberRecord(community, new UserRef(community.Platform, User), DisplayName, Username, Utc.Of(FirstAt), Utc.Of(At), null, null, Utc.Of(Created))
            : stored with
            {
                DisplayName = DisplayName,
                Username = Username ?? stored.Username,
                LastSeen = Utc.Of(At) > stored.LastSeen ? Utc.Of(At) : stored.LastSeen,
                AccountCreatedAt = Utc.Of(Created) ?? stored.AccountCreatedAt,
            };
    }

    private void Forget(CommunityRef community, UserRef user) => db.Loaded<(string, string), MemberRecord?>(Preload.Name).Remove((community.ToString(), user.Id));

    public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct)
    {
        _recentlySeen.Forget((community, member.User));
        Forget(community, member.User);
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

    public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct)
    {
        Forget(community, user);
        return db.ExecuteAsync(
            "update members set left_at = @at where community = @c and user_id = @u", new { c = community.ToString(), u = user.Id, at }, ct);
    }

    /// <summary>The member records of a batch's authors (moderation reads them on every message), in one statement.</summary>
    public sealed class Preload : IBatchPreloader
    {
        public const string Name = "members";

        public async Task PreloadAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            var keys = BatchKeys.Authors(events);
            if (keys.Count == 0)
            {
                return;
            }

            var rows = await db.QueryAsync<KeyedMemberRow>(
                $"select m.community, {Columns} from members m join unnest(@c, @u) k(c, u) on m.community = k.c and m.user_id = k.u",
                new { c = keys.Select(k => k.Community).ToArray(), u = keys.Select(k => k.User).ToArray() }, ct);
            var loaded = db.Loaded<(string, string), MemberRecord?>(Name);
            foreach (var key in keys)
            {
                loaded[key] = null;
            }

            foreach (var row in rows)
            {
                loaded[(row.community, row.user_id)] = row.Row.ToRecord(CommunityRef.Parse(row.community));
            }
        }
    }

    private sealed record KeyedMemberRow(
        string community, string user_id, string display_name, string? username, DateTime first_seen, DateTime last_seen,
        DateTime? joined_at, DateTime? left_at, DateTime? account_created_at)
    {
        public MemberRow Row => new(user_id, display_name, username, first_seen, last_seen, joined_at, left_at, account_created_at);
    }

    private sealed record MemberRow(
        string user_id, string display_name, string? username, DateTime first_seen, DateTime last_seen,
        DateTime? joined_at, DateTime? left_at, DateTime? account_created_at)
    {
        public MemberRecord ToRecord(CommunityRef community) => new(
            community, new UserRef(community.Platform, user_id), display_name, username,
            Utc.Of(first_seen), Utc.Of(last_seen), Utc.Of(joined_at), Utc.Of(left_at), Utc.Of(account_created_at));
    }
}

/// <summary>
/// The message log. Appends wait in the batch's <see cref="Sink"/> and go out in one statement per batch; the reads
/// here add the batch's own pending rows, so a feature sees the messages before it in the same batch.
/// </summary>
public sealed class PostgresMessageLog(DbSession db) : IMessageLog
{
    public static readonly BatchSink<string, StoredMessage> Sink = new(
        "messages", StringComparer.Ordinal, (_, later) => later, rows => (
        """
        insert into messages (community, channel_id, message_id, user_id, at, text, length)
        select * from unnest(@c, @channels, @ids, @users, @at, @texts, @lengths)
        on conflict (community, channel_id, message_id) do update set user_id = excluded.user_id, at = excluded.at, text = excluded.text, length = excluded.length
        """,
        new
        {
            c = rows.Select(r => r.Community.ToString()).ToArray(),
            channels = rows.Select(r => r.ChannelId).ToArray(),
            ids = rows.Select(r => r.MessageId).ToArray(),
            users = rows.Select(r => r.Author.Id).ToArray(),
            at = rows.Select(r => r.At.UtcDateTime).ToArray(),
            texts = rows.Select(r => r.Text).ToArray(),
            lengths = rows.Select(r => r.Text.Length).ToArray(),
        }));

    private static string Key(CommunityRef community, string channelId, string messageId) => $"{community}\n{channelId}\n{messageId}";

    public Task AppendAsync(StoredMessage message, CancellationToken ct)
    {
        return db.WriteAsync(Sink, Key(message.Community, message.ChannelId, message.MessageId), message, ct);
    }

    public async Task<UserRef?> AuthorOfAsync(CommunityRef community, string channelId, string messageId, CancellationToken ct) =>
        db.TryPending(Sink, Key(community, channelId, messageId), out var pending) ? pending.Author
        : await db.QuerySingleOrDefaultAsync<string>(
            "select user_id from messages where community = @c and channel_id = @channelId and message_id = @messageId",
            new { c = community.ToString(), channelId, messageId }, ct) is { } user ? new UserRef(community.Platform, user) : null;

    public async Task<IReadOnlyList<StoredMessage>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
        WithPending(Map(community, await db.QueryAsync<MessageRow>(
            "select channel_id, message_id, user_id, at, text from messages where community = @c and text is not null order by at desc limit @limit",
            new { c = community.ToString(), limit }, ct)), m => m.Community == community, descending: true).Take(limit).ToList();

    public async Task<IReadOnlyList<StoredMessage>> RecentByAuthorAsync(CommunityRef community, UserRef author, DateTimeOffset since, CancellationToken ct) =>
        WithPending(Map(community, await db.QueryAsync<MessageRow>(
            "select channel_id, message_id, user_id, at, text from messages where community = @c and user_id = @u and at >= @since and text is not null order by at",
            new { c = community.ToString(), u = author.Id, since }, ct)), m => m.Community == community && m.Author == author && m.At >= since, descending: false);

    // The stored rows with the batch's pending ones laid over them (a pending row replaces a stored one with its key).
    private List<StoredMessage> WithPending(List<StoredMessage> stored, Func<StoredMessage, bool> wanted, bool descending)
    {
        var pending = db.Pending(Sink).Where(wanted).ToList();
        if (pending.Count == 0)
        {
            return stored;
        }

        var merged = stored.Where(s => !pending.Any(p => p.ChannelId == s.ChannelId && p.MessageId == s.MessageId)).Concat(pending);
        return descending ? [.. merged.OrderByDescending(m => m.At)] : [.. merged.OrderBy(m => m.At)];
    }

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
