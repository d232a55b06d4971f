using Bot.Domain.Model;

namespace Bot.Domain.Community;

/// <summary>A member as the bot has seen them: names for mention resolution, join and leave times.</summary>
public sealed record MemberRecord(
    CommunityRef Community,
    UserRef User,
    string DisplayName,
    string? Username,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    DateTimeOffset? JoinedAt,
    DateTimeOffset? LeftAt,
    DateTimeOffset? AccountCreatedAt);

public interface IMemberStore
{
    Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>
    /// The members whose id, username or display name is <paramref name="name"/> (case-insensitively), at most six.
    /// Display names are not unique and anyone can take one: more than one match means the caller must say which.
    /// </summary>
    Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct);

    Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct);

    Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct);

    Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct);
}

/// <summary>A stored message: text for rule tests, FAQ gaps and exports; counts for stats and peak hours.</summary>
public sealed record StoredMessage(
    CommunityRef Community,
    string ChannelId,
    string MessageId,
    UserRef Author,
    DateTimeOffset At,
    string Text);

public interface IMessageLog
{
    Task AppendAsync(StoredMessage message, CancellationToken ct);

    Task<IReadOnlyList<StoredMessage>> RecentAsync(CommunityRef community, int limit, CancellationToken ct);

    Task<IReadOnlyList<StoredMessage>> RecentByAuthorAsync(CommunityRef community, UserRef author, DateTimeOffset since, CancellationToken ct);
}
