using Bot.Adapters.Postgres.Core;
using Bot.Domain.Content;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Content;

public sealed class PostgresContentStore(DbSession db) : IContentStore
{
    private const string Columns =
        """
        id as Id, author_id as AuthorId, title as Title, body as Body, tags as Tags, channels as Channels, state as State, pin as Pin,
        repeat as Repeat, requested_when as RequestedWhen, scheduled_for as ScheduledFor, reviewed_by as ReviewedBy,
        reject_reason as RejectReason, last_occurrence as LastOccurrence, review_channel as ReviewChannel,
        review_message as ReviewMessage, created_at as CreatedAt, version as Version
        """;

    public async Task<Post> CreateAsync(Post post, CancellationToken ct)
    {
        var id = await db.ExecuteScalarAsync<long>(
            """
            insert into content_posts (community, author_id, title, body, tags, channels, state, pin, repeat, created_at)
            values (@c, @author, @Title, @Body, @tags, @channels, @state, @Pin, @Repeat, @CreatedAt)
            returning id
            """,
            new
            {
                c = post.Community.ToString(), author = post.Author.Id, post.Title, post.Body, tags = post.Tags.ToArray(),
                channels = post.Channels.ToArray(), state = post.StateName, post.Pin, post.Repeat, post.CreatedAt,
            },
            ct);
        return post with { Id = id };
    }

    public async Task<Post?> GetAsync(CommunityRef community, long id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(
            $"select {Columns} from content_posts where community = @c and id = @id", new { c = community.ToString(), id }, ct);
        return row?.ToPost(community);
    }

    public async Task<bool> SaveAsync(Post post, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            update content_posts set title = @Title, body = @Body, tags = @tags, channels = @channels, state = @state, pin = @Pin,
                repeat = @Repeat, requested_when = @RequestedWhen, scheduled_for = @ScheduledFor, reviewed_by = @reviewer,
                reject_reason = @RejectReason, last_occurrence = @LastOccurrence, updated_at = now(), version = version + 1
            where community = @c and id = @Id and version = @Version
            """,
            new
            {
                c = post.Community.ToString(), post.Id, post.Version, post.Title, post.Body, tags = post.Tags.ToArray(),
                channels = post.Channels.ToArray(), state = post.StateName, post.Pin, post.Repeat, post.RequestedWhen,
                post.ScheduledFor, reviewer = post.ReviewedBy?.Id, post.RejectReason, post.LastOccurrence,
            },
            ct) == 1;

    public Task SetReviewCardAsync(CommunityRef community, long postId, string? channelId, string messageId, CancellationToken ct) =>
        db.ExecuteAsync(
            "update content_posts set review_channel = @channelId, review_message = @messageId where community = @c and id = @postId",
            new { c = community.ToString(), postId, channelId, messageId }, ct);

    public async Task<IReadOnlyList<Post>> ListAsync(CommunityRef community, PostState? state, int limit, CancellationToken ct)
    {
        var rows = await db.QueryAsync<Row>(
            $"select {Columns} from content_posts where community = @c and (@state::text is null or state = @state) order by id desc limit @limit",
            new { c = community.ToString(), state = state?.ToString().ToLowerInvariant(), limit }, ct);
        return [.. rows.Select(r => r.ToPost(community))];
    }

    public async Task<bool> AddPublicationAsync(Publication publication, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            insert into content_publications (post_id, occurrence, channel_id, message_id, published_at)
            values (@PostId, @Occurrence, @ChannelId, @MessageId, @PublishedAt) on conflict do nothing
            """,
            publication, ct) == 1;

    public async Task<IReadOnlyList<Publication>> PublicationsAsync(long postId, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(DateTime Occurrence, string ChannelId, string MessageId, DateTime PublishedAt)>(
            "select occurrence, channel_id, message_id, published_at from content_publications where post_id = @postId order by occurrence, channel_id",
            new { postId }, ct);
        return [.. rows.Select(r => new Publication(postId, Utc.Of(r.Occurrence), r.ChannelId, r.MessageId, Utc.Of(r.PublishedAt)))];
    }

    public Task RemovePublicationsAsync(long postId, CancellationToken ct) =>
        db.ExecuteAsync("delete from content_publications where post_id = @postId", new { postId }, ct);

    public Task RecordEngagementAsync(PostEngagement engagement, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into content_engagement (community, post_id, occurrence, channel_id, message_id, kind, user_id, key, at)
        select @c, p.post_id, p.occurrence, p.channel_id, p.message_id, @kind, @user, @Key, @At
        from content_publications p join content_posts cp on cp.id = p.post_id
        where p.channel_id = @ChannelId and p.message_id = @MessageId and cp.community = @c
        on conflict do nothing
        """,
        new
        {
            c = engagement.Community.ToString(), engagement.ChannelId, engagement.MessageId, kind = engagement.Kind.ToString().ToLowerInvariant(),
            user = engagement.User.Id, engagement.Key, engagement.At,
        },
        ct);

    public async Task<EngagementCount> EngagementAsync(long postId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<(int Reactions, int Replies)>(
            """
            select count(*) filter (where kind = 'reaction')::int, count(*) filter (where kind = 'reply')::int
            from content_engagement where post_id = @postId
            """,
            new { postId }, ct);
        return new EngagementCount(row.Reactions, row.Replies);
    }

    public async Task<Revision> AddRevisionAsync(Revision revision, CancellationToken ct)
    {
        var id = await db.ExecuteScalarAsync<long>(
            """
            insert into content_revisions (post_id, community, author_id, title, body, tags, pin, state, created_at)
            values (@PostId, @c, @author, @Title, @Body, @tags, @Pin, @state, @CreatedAt)
            returning id
            """,
            new
            {
                revision.PostId, c = revision.Community.ToString(), author = revision.Author.Id, revision.Title, revision.Body,
                tags = revision.Tags.ToArray(), revision.Pin, state = revision.StateName, revision.CreatedAt,
            },
            ct);
        return revision with { Id = id };
    }

    public async Task<Revision?> GetRevisionAsync(CommunityRef community, long revisionId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<RevisionRow>(
            $"select {RevisionColumns} from content_revisions where community = @c and id = @revisionId", new { c = community.ToString(), revisionId }, ct))
        ?.ToRevision(community);

    public async Task<Revision?> PendingRevisionAsync(long postId, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<RevisionRow>(
            $"select {RevisionColumns}, community as Community from content_revisions where post_id = @postId and state = 'pending'", new { postId }, ct);
        return row?.ToRevision(CommunityRef.Parse(row.Community));
    }

    public async Task<bool> SaveRevisionAsync(Revision revision, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            update content_revisions set state = @state, reviewed_by = @reviewer, reject_reason = @RejectReason, decided_at = @DecidedAt,
                version = version + 1
            where community = @c and id = @Id and version = @Version
            """,
            new
            {
                c = revision.Community.ToString(), revision.Id, revision.Version, state = revision.StateName, reviewer = revision.ReviewedBy?.Id,
                revision.RejectReason, revision.DecidedAt,
            },
            ct) == 1;

    public Task SetRevisionCardAsync(CommunityRef community, long revisionId, string? channelId, string messageId, CancellationToken ct) =>
        db.ExecuteAsync(
            "update content_revisions set review_channel = @channelId, review_message = @messageId where community = @c and id = @revisionId",
            new { c = community.ToString(), revisionId, channelId, messageId }, ct);

    /// <summary>Bucketed by Postgres in the community's zone, so each message counts at the local hour it was written, DST included.</summary>
    public async Task<ActivityHistogram> HistogramAsync(
        CommunityRef community, IReadOnlyList<string> channels, string timeZone, DateTimeOffset since, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(int Day, int Hour, long Count)>(
            """
            select extract(dow from at at time zone @zone)::int, extract(hour from at at time zone @zone)::int, count(*)
            from messages
            where community = @c and at >= @since and (cardinality(@channels) = 0 or channel_id = any(@channels))
            group by 1, 2
            """,
            new { c = community.ToString(), zone = timeZone, since, channels = channels.ToArray() }, ct);
        var histogram = new ActivityHistogram();
        foreach (var (day, hour, count) in rows)
        {
            histogram.Add((DayOfWeek)day, hour, count);
        }

        return histogram;
    }

    private const string RevisionColumns =
        """
        id as Id, post_id as PostId, author_id as AuthorId, title as Title, body as Body, tags as Tags, pin as Pin, state as State,
        reviewed_by as ReviewedBy, reject_reason as RejectReason, decided_at as DecidedAt, review_channel as ReviewChannel,
        review_message as ReviewMessage, created_at as CreatedAt, version as Version
        """;

    private sealed class RevisionRow
    {
        public long Id { get; set; }

        public long PostId { get; set; }

        public string Community { get; set; } = "";

        public string AuthorId { get; set; } = "";

        public string Title { get; set; } = "";

        public string Body { get; set; } = "";

        public string[] Tags { get; set; } = [];

        public bool Pin { get; set; }

        public string State { get; set; } = "";

        public string? ReviewedBy { get; set; }

        public string? RejectReason { get; set; }

        public DateTime? DecidedAt { get; set; }

        public string? ReviewChannel { get; set; }

        public string? ReviewMessage { get; set; }

        public DateTime CreatedAt { get; set; }

        public int Version { get; set; }

        public Revision ToRevision(CommunityRef community) => new(
            Id, PostId, community, new UserRef(community.Platform, AuthorId), Title, Body, Tags, Pin, Enum.Parse<RevisionState>(State, ignoreCase: true),
            Utc.Of(CreatedAt), ReviewedBy is null ? null : new UserRef(community.Platform, ReviewedBy), RejectReason, Utc.Of(DecidedAt),
            ReviewChannel, ReviewMessage, Version);
    }

    /// <summary>A row as Dapper fills it (by property, so Postgres arrays convert to <c>string[]</c>).</summary>
    private sealed class Row
    {
        public long Id { get; set; }

        public string AuthorId { get; set; } = "";

        public string Title { get; set; } = "";

        public string Body { get; set; } = "";

        public string[] Tags { get; set; } = [];

        public string[] Channels { get; set; } = [];

        public string State { get; set; } = "";

        public bool Pin { get; set; }

        public string? Repeat { get; set; }

        public string? RequestedWhen { get; set; }

        public DateTime? ScheduledFor { get; set; }

        public string? ReviewedBy { get; set; }

        public string? RejectReason { get; set; }

        public DateTime? LastOccurrence { get; set; }

        public string? ReviewChannel { get; set; }

        public string? ReviewMessage { get; set; }

        public DateTime CreatedAt { get; set; }

        public int Version { get; set; }

        public Post ToPost(CommunityRef community) => new(
            Id, community, new UserRef(community.Platform, AuthorId), Title, Body, Tags, Channels, Enum.Parse<PostState>(State, ignoreCase: true),
            Utc.Of(CreatedAt), Pin, Repeat, RequestedWhen, Utc.Of(ScheduledFor), ReviewedBy is null ? null : new UserRef(community.Platform, ReviewedBy),
            RejectReason, Utc.Of(LastOccurrence), ReviewChannel, ReviewMessage, Version);
    }
}
