using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Domain.Tests.Fakes;

/// <summary>Community ↔ chat links in memory.</summary>
public sealed class InMemoryChats : ICommunityChatStore
{
    public Dictionary<(Platform, string), CommunityChat> Links { get; } = [];

    public Task<CommunityChat?> FindAsync(Platform platform, string chatId, CancellationToken ct) =>
        Task.FromResult(Links.GetValueOrDefault((platform, chatId)));

    public Task<IReadOnlyList<CommunityChat>> ListAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<CommunityChat>>([.. Links.Values.Where(c => c.Community == community)]);

    public Task LinkAsync(CommunityChat chat, CancellationToken ct)
    {
        Links[(chat.Community.Platform, chat.ChatId)] = chat;
        return Task.CompletedTask;
    }

    public Task<bool> UnlinkAsync(CommunityRef community, string chatId, CancellationToken ct) =>
        Task.FromResult(Links.TryGetValue((community.Platform, chatId), out var c) && c.Community == community && Links.Remove((community.Platform, chatId)));
}

/// <summary>A platform directory that answers with the facts a test sets, by chat; unknown chats are the community's own.</summary>
public sealed class FakeChatDirectory(Platform platform) : IChatDirectory
{
    public Dictionary<string, ChatFacts> Facts { get; } = [];

    public Platform Platform => platform;

    public Task<ChatFacts> LookUpAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct) =>
        Task.FromResult(Facts.GetValueOrDefault(chat)
            ?? new ChatFacts(chat, chat, Exists: true, BotPresent: true, CallerAdministers: true, ContainerId: community.Id));

    /// <summary>A chat trust that lets every chat through, for tests about something else.</summary>
    public static ChatTrust Trusting() =>
        new([new FakeChatDirectory(Platform.Console), new FakeChatDirectory(Platform.Discord), new FakeChatDirectory(Platform.Telegram)], new InMemoryChats());
}
