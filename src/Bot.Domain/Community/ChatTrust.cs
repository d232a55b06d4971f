using Bot.Domain.Model;

namespace Bot.Domain.Community;

/// <summary>
/// What the platform says about a chat a command names, asked for by the adapter on the caller's behalf.
/// <see cref="ContainerId"/> is the community the platform itself puts the chat in (a Discord channel's guild), if any.
/// </summary>
public sealed record ChatFacts(
    string ChatId,
    string Title,
    bool Exists,
    bool BotPresent,
    bool CallerAdministers,
    string? ContainerId = null,
    bool IsPrivate = false)
{
    public static ChatFacts Unknown(string chat) => new(chat, string.Empty, Exists: false, BotPresent: false, CallerAdministers: false);
}

/// <summary>The port through which the domain learns <see cref="ChatFacts"/>; one per platform, implemented by its adapter.</summary>
public interface IChatDirectory
{
    Platform Platform { get; }

    /// <summary><paramref name="chat"/> as typed: an id, <c>@username</c>, <c>#name</c> or <c>&lt;#id&gt;</c> already stripped.</summary>
    Task<ChatFacts> LookUpAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct);
}

/// <summary>Why a chat was refused; each has its own answer (CoreStrings <c>Chat&lt;Refusal&gt;</c>).</summary>
public enum ChatRefusal
{
    NotFound,
    Private,
    BotAbsent,
    NotAdministrator,
    OtherCommunity,
    LinkedElsewhere,
    NotInCommunity,
}

/// <summary>
/// The trust rules for chats a command names, as data in, data out: a chat is linked to a community only where
/// the bot is and the caller administers it (and, where the platform groups chats itself, only within the
/// community's own guild); a chat a command sends to (post channels, help, tier announcements) must belong to the
/// community as well.
/// </summary>
public static class ChatTrustRules
{
    public static ChatRefusal? ForLink(CommunityRef community, ChatFacts facts, CommunityChat? existing)
    {
        if (Basic(community, facts) is { } refusal)
        {
            return refusal;
        }

        return existing is not null && existing.Community != community ? ChatRefusal.LinkedElsewhere : null;
    }

    public static ChatRefusal? ForTarget(CommunityRef community, ChatFacts facts, CommunityChat? existing)
    {
        if (Basic(community, facts) is { } refusal)
        {
            return refusal;
        }

        var belongs = facts.ChatId == community.Id || facts.ContainerId == community.Id || existing?.Community == community;
        return belongs ? null : ChatRefusal.NotInCommunity;
    }

    private static ChatRefusal? Basic(CommunityRef community, ChatFacts facts) => facts switch
    {
        { Exists: false } => ChatRefusal.NotFound,
        { IsPrivate: true } => ChatRefusal.Private,
        { BotPresent: false } => ChatRefusal.BotAbsent,
        { ContainerId: { } container } when container != community.Id => ChatRefusal.OtherCommunity,
        { CallerAdministers: false } => ChatRefusal.NotAdministrator,
        _ => null,
    };
}

/// <summary>A chat a command named, checked: its facts, and the refusal when it may not be used.</summary>
public sealed record ChatCheck(ChatFacts Facts, ChatRefusal? Refusal, CommunityChat? Existing)
{
    public bool Allowed => Refusal is null;

    public string ChatId => Facts.ChatId;
}

/// <summary>Gathers the facts of a named chat from its platform's directory and applies <see cref="ChatTrustRules"/>.</summary>
public sealed class ChatTrust(IEnumerable<IChatDirectory> directories, ICommunityChatStore chats)
{
    public Task<ChatCheck> ForLinkAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct) =>
        CheckAsync(community, chat, caller, ChatTrustRules.ForLink, ct);

    public Task<ChatCheck> ForTargetAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct) =>
        CheckAsync(community, chat, caller, ChatTrustRules.ForTarget, ct);

    private async Task<ChatCheck> CheckAsync(
        CommunityRef community, string chat, UserRef caller, Func<CommunityRef, ChatFacts, CommunityChat?, ChatRefusal?> rule, CancellationToken ct)
    {
        var directory = directories.FirstOrDefault(d => d.Platform == community.Platform);
        var facts = directory is null ? ChatFacts.Unknown(chat) : await directory.LookUpAsync(community, chat, caller, ct);
        var existing = facts.Exists ? await chats.FindAsync(community.Platform, facts.ChatId, ct) : null;
        return new ChatCheck(facts, rule(community, facts, existing), existing);
    }
}
