using System.Collections.Concurrent;
using System.Globalization;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Telegram;

/// <summary>Which community a chat's events belong to, and what the chat is to it (null: the community's own group).</summary>
public readonly record struct ChatCommunity(long CommunityChat, ChatRole? Role);

/// <summary>
/// The groups the bot is in, and the community each chat belongs to: a linked chat (<c>/community link</c>,
/// <c>/staff channel</c>) to its community, the configured staff chat to the configured community, any other group to
/// itself. A private chat belongs to <see cref="TelegramOptions.CommunityChatId"/> when configured, otherwise to the
/// only group the bot is currently in (none when it is in several: then it must be configured).
/// </summary>
public sealed class TelegramCommunities(TelegramStore store, TelegramOptions options, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<long, bool> _known = new();

    /// <summary>The configured community, else the only community among the groups the bot is in (linked chats are part of theirs).</summary>
    public async Task<long?> DefaultGroupAsync(CancellationToken ct)
    {
        if (options.CommunityChatId is { } configured)
        {
            return configured;
        }

        var own = new List<long>();
        foreach (var group in await store.CurrentGroupsAsync(ct))
        {
            if ((await CommunityOfAsync(group, ct)).Role is null)
            {
                own.Add(group);
            }
        }

        return own.Count == 1 ? own[0] : null;
    }

    /// <summary>The community of a group's (or channel's) events, read fresh each time so a new link applies at once.</summary>
    public async Task<ChatCommunity> CommunityOfAsync(long chatId, CancellationToken ct)
    {
        if (options.StaffChatId == chatId && options.CommunityChatId is { } configured)
        {
            return new ChatCommunity(configured, ChatRole.Staff);
        }

        await using var scope = scopes.CreateAsyncScope();
        var link = scope.ServiceProvider.GetService<ICommunityChatStore>() is { } links
            ? await links.FindAsync(Platform.Telegram, chatId.ToString(CultureInfo.InvariantCulture), ct)
            : null;
        return link is not null && long.TryParse(link.Community.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var community)
            ? new ChatCommunity(community, link.Role)
            : new ChatCommunity(chatId, null);
    }

    /// <summary>The community's member groups: its own and those linked as members (moderation acts in each).</summary>
    public async Task<IReadOnlyList<long>> MemberChatsAsync(CommunityRef community, CancellationToken ct)
    {
        var own = long.Parse(community.Id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<ICommunityChatStore>() is not { } links)
        {
            return [own];
        }

        var linked = (await links.ListAsync(community, ct)).Where(c => c.Role == ChatRole.Member)
            .Select(c => long.Parse(c.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        return [own, .. linked];
    }

    /// <summary>Records a group once per run (and again after the bot left it).</summary>
    public async Task SeenAsync(long chatId, string? title, CancellationToken ct)
    {
        if (!_known.ContainsKey(chatId))
        {
            // Remembered only once stored, so a database outage here is retried with the update. Postgres refuses NUL.
            await store.GroupSeenAsync(chatId, (title ?? string.Empty).Replace("\0", string.Empty, StringComparison.Ordinal), ct);
            _known.TryAdd(chatId, true);
        }
    }

    public async Task LeftAsync(long chatId, CancellationToken ct)
    {
        _known.TryRemove(chatId, out _);
        await store.GroupLeftAsync(chatId, ct);
    }
}
