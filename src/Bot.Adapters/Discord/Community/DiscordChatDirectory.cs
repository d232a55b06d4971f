using System.Globalization;
using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Rest;
using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Adapters.Discord.Community;

/// <summary>
/// The facts of a channel a command names, from Discord: the channel (<c>GET /channels/{id}</c>) and its guild, whether
/// the bot is in that guild, and whether the caller may manage the channel (Manage Channels or Administrator, computed
/// from their roles and the channel's overwrites as Discord does). A thread has no overwrites of its own: it takes its
/// parent channel's, so the check is made on the parent.
/// </summary>
internal sealed class DiscordChatDirectory(DiscordApi api, GuildCache guilds) : IChatDirectory
{
    public Platform Platform => Platform.Discord;

    public async Task<ChatFacts> LookUpAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct)
    {
        if (!ulong.TryParse(chat, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return ChatFacts.Unknown(chat);
        }

        Json.DiscordChannel channel;
        try
        {
            channel = await api.GetChannelAsync(chat, ct);
        }
        catch (DiscordRestException ex) when (ex.Status is 403 or 404)
        {
            // 403: the channel exists but the bot cannot see it; 404: there is no such channel.
            return ex.Status == 403 ? new ChatFacts(chat, chat, Exists: true, BotPresent: false, CallerAdministers: false) : ChatFacts.Unknown(chat);
        }

        if (channel.GuildId is not { } guild)
        {
            return new ChatFacts(chat, channel.Name ?? chat, Exists: true, BotPresent: true, CallerAdministers: false, IsPrivate: true);
        }

        string[] roles;
        try
        {
            roles = (await api.GetMemberAsync(guild, caller.Id, ct)).Roles ?? [];
        }
        catch (DiscordRestException ex) when (ex.Status is 403 or 404)
        {
            return new ChatFacts(chat, channel.Name ?? chat, Exists: true, BotPresent: guilds.Knows(guild), CallerAdministers: false, ContainerId: guild);
        }

        var overwrites = IsThread(channel) && channel.ParentId is { } parent
            ? (await api.GetChannelAsync(parent, ct)).PermissionOverwrites
            : channel.PermissionOverwrites;
        var permissions = guilds.PermissionsIn(guild, caller.Id, roles, overwrites);
        var manages = (permissions & (DiscordPermissions.ManageChannels | DiscordPermissions.Administrator)) != 0;
        return new ChatFacts(chat, channel.Name ?? chat, Exists: true, BotPresent: guilds.Knows(guild), CallerAdministers: manages, ContainerId: guild);
    }

    // 10 announcement thread, 11 public thread, 12 private thread.
    private static bool IsThread(Json.DiscordChannel channel) => channel.Type is 10 or 11 or 12;
}
