using Bot.Domain.Model;

namespace Bot.Domain.Content;

/// <summary>Posts, their publications, and the activity they are scheduled by.</summary>
public interface IContentStore
{
    /// <summary>Stores a new post and returns it with its id.</summary>
    Task<Post> CreateAsync(Post post, CancellationToken ct);

    Task<Post?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>
    /// Saves <paramref name="post"/> if nobody saved it since it was read (same <see cref="Post.Version"/>). Where its
    /// review card is (<see cref="Post.ReviewMessageId"/>) is not written here: see <see cref="SetReviewCardAsync"/>.
    /// </summary>
    Task<bool> SaveAsync(Post post, CancellationToken ct);

    /// <summary>
    /// Records where the post's review card was sent. Not a change of the post (its version stays), so a decision on
    /// the card taken while its id was coming back still saves.
    /// </summary>
    Task SetReviewCardAsync(CommunityRef community, long postId, string? channelId, string messageId, CancellationToken ct);

    /// <summary>The newest posts, optionally in one state.</summary>
    Task<IReadOnlyList<Post>> ListAsync(CommunityRef community, PostState? state, int limit, CancellationToken ct);

    /// <summary>Adds a publication; false when that occurrence was already published in that channel.</summary>
    Task<bool> AddPublicationAsync(Publication publication, CancellationToken ct);

    Task<IReadOnlyList<Publication>> PublicationsAsync(long postId, CancellationToken ct);

    Task RemovePublicationsAsync(long postId, CancellationToken ct);

    /// <summary>Records a reaction or reply when it targets a publication of a post; anything else is ignored.</summary>
    Task RecordEngagementAsync(PostEngagement engagement, CancellationToken ct);

    Task<EngagementCount> EngagementAsync(long postId, CancellationToken ct);

    /// <summary>Stores a new revision and returns it with its id.</summary>
    Task<Revision> AddRevisionAsync(Revision revision, CancellationToken ct);

    Task<Revision?> GetRevisionAsync(CommunityRef community, long revisionId, CancellationToken ct);

    /// <summary>The post's revision waiting for review, if any (there is at most one).</summary>
    Task<Revision?> PendingRevisionAsync(long postId, CancellationToken ct);

    /// <summary>Saves <paramref name="revision"/> if nobody saved it since it was read (same <see cref="Revision.Version"/>); not its card.</summary>
    Task<bool> SaveRevisionAsync(Revision revision, CancellationToken ct);

    /// <summary>Records where the revision's review card was sent, as <see cref="SetReviewCardAsync"/> does for a post.</summary>
    Task SetRevisionCardAsync(CommunityRef community, long revisionId, string? channelId, string messageId, CancellationToken ct);

    /// <summary>
    /// Messages per weekday × hour in <paramref name="timeZone"/> since <paramref name="since"/>, in the given
    /// channels (all channels when empty).
    /// </summary>
    Task<ActivityHistogram> HistogramAsync(
        CommunityRef community, IReadOnlyList<string> channels, string timeZone, DateTimeOffset since, CancellationToken ct);
}
