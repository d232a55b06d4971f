using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Adapters.Console;

/// <summary>
/// The console is one community whose channels exist as soon as they are named; the person at the keyboard runs
/// it, so they administer every channel and the bot is in each.
/// </summary>
public sealed class ConsoleChatDirectory : IChatDirectory
{
    public Platform Platform => Platform.Console;

    public Task<ChatFacts> LookUpAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct) =>
        Task.FromResult(new ChatFacts(chat, chat, Exists: true, BotPresent: true, CallerAdministers: true, ContainerId: community.Id));
}
