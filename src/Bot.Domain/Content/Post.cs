using Bot.Domain.Model;

namespace Bot.Domain.Content;

/// <summary>Where a post is in the handbook's plan → draft → review → publish.</summary>
public enum PostState
{
    Draft,
    Submitted,
    Scheduled,
    Published,
    Rejected,
    Cancelled,
    Missed,
}

/// <summary>
/// A piece of content. <see cref="Repeat"/> makes it recurring (a weekly rules reminder): it stays
/// <see cref="PostState.Scheduled"/> and publishes at each occurrence, <see cref="LastOccurrence"/> being the
/// latest one handled. <see cref="Version"/> guards every save so two processes never both act on one state.
/// </summary>
public sealed record Post(
    long Id,
    CommunityRef Community,
    UserRef Author,
    string Title,
    string Body,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Channels,
    PostState State,
    DateTimeOffset CreatedAt,
    bool Pin = false,
    string? Repeat = null,
    string? RequestedWhen = null,
    DateTimeOffset? ScheduledFor = null,
    UserRef? ReviewedBy = null,
    string? RejectReason = null,
    DateTimeOffset? LastOccurrence = null,
    string? ReviewChannelId = null,
    string? ReviewMessageId = null,
    int Version = 0)
{
    public string StateName => State.ToString().ToLowerInvariant();

    public bool IsEditable => State is PostState.Draft or PostState.Submitted or PostState.Rejected;

    public bool IsRecurring => Repeat is not null;
}

/// <summary>One published message of a post: kept so it can be edited or removed later.</summary>
public sealed record Publication(long PostId, DateTimeOffset Occurrence, string ChannelId, string MessageId, DateTimeOffset PublishedAt);

public enum EngagementKind
{
    Reaction,
    Reply,
}

/// <summary>
/// A member's reaction to, or reply to, a message. It counts for a post only when the message is one of the post's
/// publications; <see cref="Key"/> is the emoji or the reply's own message id, so each counts once.
/// </summary>
public sealed record PostEngagement(CommunityRef Community, string ChannelId, string MessageId, EngagementKind Kind, UserRef User, string Key, DateTimeOffset At);

/// <summary>Reactions and replies a post's publications received, all occurrences together.</summary>
public sealed record EngagementCount(int Reactions, int Replies);
