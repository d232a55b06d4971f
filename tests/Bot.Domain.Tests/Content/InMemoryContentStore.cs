using Bot.Domain.Content;
using Bot.Domain.Model;

namespace Bot.Domain.Tests.Content;

/// <summary>The store port in memory, with the same version check as the Postgres store.</summary>
internal sealed class InMemoryContentStore : IContentStore
{
    private readonly Dictionary<long, Post> _posts = [];
    private readonly List<Publication> _publications = [];
    private readonly Dictionary<long, Revision> _revisions = [];

    public IReadOnlyList<Revision> Revisions => [.. _revisions.Values.OrderBy(r => r.Id)];

    public List<PostEngagement> Engagement { get; } = [];

    public ActivityHistogram Histogram { get; set; } = new();

    public IReadOnlyList<Publication> Publications => _publications;

    public Post this[long id] => _posts[id];

    public Task<Post> CreateAsync(Post post, CancellationToken ct)
    {
        var created = post with { Id = _posts.Count + 1 };
        _posts[created.Id] = created;
        return Task.FromResult(created);
    }

    public Task<Post?> GetAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(_posts.TryGetValue(id, out var post) && post.Community == community ? post : null);

    public Task<bool> SaveAsync(Post post, CancellationToken ct)
    {
        if (!_posts.TryGetValue(post.Id, out var stored) || stored.Version != post.Version)
        {
            return Task.FromResult(false);
        }

        _posts[post.Id] = post with { Version = post.Version + 1, ReviewChannelId = stored.ReviewChannelId, ReviewMessageId = stored.ReviewMessageId };
        return Task.FromResult(true);
    }

    public Task SetReviewCardAsync(CommunityRef community, long postId, string? channelId, string messageId, CancellationToken ct)
    {
        if (_posts.TryGetValue(postId, out var stored) && stored.Community == community)
        {
            _posts[postId] = stored with { ReviewChannelId = channelId, ReviewMessageId = messageId };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Post>> ListAsync(CommunityRef community, PostState? state, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Post>>([.. _posts.Values.Where(p => p.Community == community && (state is null || p.State == state))
            .OrderByDescending(p => p.Id).Take(limit)]);

    public Task<bool> AddPublicationAsync(Publication publication, CancellationToken ct)
    {
        if (_publications.Any(p => p.PostId == publication.PostId && p.Occurrence == publication.Occurrence && p.ChannelId == publication.ChannelId))
        {
            return Task.FromResult(false);
        }

        _publications.Add(publication);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<Publication>> PublicationsAsync(long postId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Publication>>([.. _publications.Where(p => p.PostId == postId)]);

    public Task RemovePublicationsAsync(long postId, CancellationToken ct)
    {
        _publications.RemoveAll(p => p.PostId == postId);
        return Task.CompletedTask;
    }

    public Task<Revision> AddRevisionAsync(Revision revision, CancellationToken ct)
    {
        if (revision.State == RevisionState.Pending && _revisions.Values.Any(r => r.PostId == revision.PostId && r.State == RevisionState.Pending))
        {
            throw new InvalidOperationException("A second pending revision (the unique index refuses it).");
        }

        var added = revision with { Id = _revisions.Count + 1 };
        _revisions[added.Id] = added;
        return Task.FromResult(added);
    }

    public Task<Revision?> GetRevisionAsync(CommunityRef community, long revisionId, CancellationToken ct) =>
        Task.FromResult(_revisions.TryGetValue(revisionId, out var revision) && revision.Community == community ? revision : null);

    public Task<Revision?> PendingRevisionAsync(long postId, CancellationToken ct) =>
        Task.FromResult(_revisions.Values.SingleOrDefault(r => r.PostId == postId && r.State == RevisionState.Pending));

    public Task<bool> SaveRevisionAsync(Revision revision, CancellationToken ct)
    {
        if (!_revisions.TryGetValue(revision.Id, out var stored) || stored.Version != revision.Version)
        {
            return Task.FromResult(false);
        }

        _revisions[revision.Id] = revision with { Version = revision.Version + 1, ReviewChannelId = stored.ReviewChannelId, ReviewMessageId = stored.ReviewMessageId };
        return Task.FromResult(true);
    }

    public Task SetRevisionCardAsync(CommunityRef community, long revisionId, string? channelId, string messageId, CancellationToken ct)
    {
        if (_revisions.TryGetValue(revisionId, out var stored) && stored.Community == community)
        {
            _revisions[revisionId] = stored with { ReviewChannelId = channelId, ReviewMessageId = messageId };
        }

        return Task.CompletedTask;
    }

    public Task<ActivityHistogram> HistogramAsync(
        CommunityRef community, IReadOnlyList<string> channels, string timeZone, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult(Histogram);

    public Task RecordEngagementAsync(PostEngagement engagement, CancellationToken ct)
    {
        var target = _publications.FirstOrDefault(p => p.ChannelId == engagement.ChannelId && p.MessageId == engagement.MessageId);
        if (target is not null && _posts[target.PostId].Community == engagement.Community && !Engagement.Any(e => e with { At = engagement.At } == engagement))
        {
            Engagement.Add(engagement);
        }

        return Task.CompletedTask;
    }

    public Task<EngagementCount> EngagementAsync(long postId, CancellationToken ct)
    {
        var mine = Engagement.Where(e => _publications.Any(p => p.PostId == postId && p.ChannelId == e.ChannelId && p.MessageId == e.MessageId)).ToList();
        return Task.FromResult(new EngagementCount(mine.Count(e => e.Kind == EngagementKind.Reaction), mine.Count(e => e.Kind == EngagementKind.Reply)));
    }
}
