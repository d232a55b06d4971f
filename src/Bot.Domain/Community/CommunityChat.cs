using Bot.Domain.Model;

namespace Bot.Domain.Community;

/// <summary>What a chat is to its community: where members talk, where staff work, where announcements go.</summary>
public enum ChatRole
{
    Member,
    Staff,
    Announcement,
}

/// <summary>
/// A chat linked to a community besides the one the community is named after (a second Telegram group, a
/// separate staff group, a channel). Events from a linked chat belong to the community, with the chat as channel.
/// A chat belongs to at most one community.
/// </summary>
public sealed record CommunityChat(
    CommunityRef Community,
    string ChatId,
    ChatRole Role,
    string Title,
    UserRef LinkedBy,
    DateTimeOffset LinkedAt);

/// <summary>The community ↔ chat links (the store port; the dashboard reads it too).</summary>
public interface ICommunityChatStore
{
    /// <summary>The link of a chat on a platform, whichever community it belongs to.</summary>
    Task<CommunityChat?> FindAsync(Platform platform, string chatId, CancellationToken ct);

    Task<IReadOnlyList<CommunityChat>> ListAsync(CommunityRef community, CancellationToken ct);

    /// <summary>Links (or re-links with a new role) a chat to its community.</summary>
    Task LinkAsync(CommunityChat chat, CancellationToken ct);

    /// <summary>False when the chat was not linked to this community.</summary>
    Task<bool> UnlinkAsync(CommunityRef community, string chatId, CancellationToken ct);
}
