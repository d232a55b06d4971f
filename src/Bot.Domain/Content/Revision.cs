using Bot.Domain.Model;

namespace Bot.Domain.Content;

/// <summary>Where a change to a published post is: waiting for a manager, applied, refused, or replaced by a newer edit.</summary>
public enum RevisionState
{
    Pending,
    Approved,
    Rejected,
    Superseded,
}

/// <summary>
/// A change to a published post, reviewed like a draft before the live messages are edited. Holds the whole
/// proposed content (not a diff), so the post's revisions are also its edit history.
/// </summary>
public sealed record Revision(
    long Id,
    long PostId,
    CommunityRef Community,
    UserRef Author,
    string Title,
    string Body,
    IReadOnlyList<string> Tags,
    bool Pin,
    RevisionState State,
    DateTimeOffset CreatedAt,
    UserRef? ReviewedBy = null,
    string? RejectReason = null,
    DateTimeOffset? DecidedAt = null,
    string? ReviewChannelId = null,
    string? ReviewMessageId = null,
    int Version = 0)
{
    public string StateName => State.ToString().ToLowerInvariant();

    public static Revision Of(Post post, UserRef author, DateTimeOffset at) =>
        new(0, post.Id, post.Community, author, post.Title, post.Body, post.Tags, post.Pin, RevisionState.Pending, at);

    /// <summary>The post as it reads once this revision is applied.</summary>
    public Post AppliedTo(Post post) => post with { Title = Title, Body = Body, Tags = Tags, Pin = Pin };

    public bool SameContentAs(Post post) => Title == post.Title && Body == post.Body && Tags.SequenceEqual(post.Tags) && Pin == post.Pin;
}
