using System.Collections.Concurrent;
using System.Globalization;
using Bot.Adapters.Discord.Json;
using Bot.Domain.Model;

namespace Bot.Adapters.Discord.Events;

/// <summary>What the adapter remembers of each guild from the gateway: owner, roles and their permissions, channels.</summary>
internal sealed class GuildCache
{
    private readonly ConcurrentDictionary<string, GuildState> _guilds = new();

    public string? BotUserId { get; set; }

    public string? ApplicationId { get; set; }

    public IReadOnlyCollection<string> GuildIds => [.. _guilds.Keys];

    public void Upsert(DiscordGuild guild)
    {
        var state = _guilds.GetOrAdd(guild.Id, id => new GuildState(id));
        lock (state)
        {
            state.OwnerId = guild.OwnerId ?? state.OwnerId;
            state.SystemChannelId = guild.SystemChannelId ?? state.SystemChannelId;
            if (guild.Roles is { } roles)
            {
                state.Roles = roles.ToDictionary(r => r.Id);
            }

            if (guild.Channels?.FirstOrDefault(c => c.Type == 0) is { } text)
            {
                state.FirstTextChannelId = text.Id;
            }
        }
    }

    public void Remove(string guildId) => _guilds.TryRemove(guildId, out _);

    public void SetRole(string guildId, DiscordRole role)
    {
        var state = _guilds.GetOrAdd(guildId, id => new GuildState(id));
        lock (state)
        {
            state.Roles = new Dictionary<string, DiscordRole>(state.Roles) { [role.Id] = role };
        }
    }

    public void RemoveRole(string guildId, string roleId)
    {
        if (_guilds.TryGetValue(guildId, out var state))
        {
            lock (state)
            {
                var roles = new Dictionary<string, DiscordRole>(state.Roles);
                roles.Remove(roleId);
                state.Roles = roles;
            }
        }
    }

    public string? FindRoleByName(string guildId, string name) =>
        _guilds.TryGetValue(guildId, out var state)
            ? state.Roles.Values.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Id
            : null;

    public string? DefaultInviteChannel(string guildId) =>
        _guilds.TryGetValue(guildId, out var state) ? state.SystemChannelId ?? state.FirstTextChannelId : null;

    /// <summary>
    /// The domain's view of a member: role ids only (anyone with Manage Roles can make a role with any name, so names
    /// grant nothing), Administrator
    /// from the roles' permissions (or the interaction's computed permissions), the guild owner.
    /// </summary>
    public Member ToMember(string guildId, DiscordUser user, DiscordMember? member)
    {
        _guilds.TryGetValue(guildId, out var state);
        var roles = state?.Roles ?? new Dictionary<string, DiscordRole>();
        var platformRoles = new List<string>();
        var permissions = roles.TryGetValue(guildId, out var everyone) ? ParsePermissions(everyone.Permissions) : 0UL;
        foreach (var roleId in member?.Roles ?? [])
        {
            platformRoles.Add(roleId);
            if (roles.TryGetValue(roleId, out var role))
            {
                permissions |= ParsePermissions(role.Permissions);
            }
        }

        if (member?.Permissions is { } computed)
        {
            permissions |= ParsePermissions(computed);
        }

        return new Member(
            new UserRef(Platform.Discord, user.Id),
            member?.Nick ?? user.GlobalName ?? user.Username,
            user.Username,
            platformRoles,
            IsPlatformAdmin: (permissions & DiscordPermissions.Administrator) != 0,
            IsPlatformOwner: state?.OwnerId == user.Id,
            AccountCreatedAt: Snowflake.CreatedAt(user.Id));
    }

    private static ulong ParsePermissions(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private sealed class GuildState(string id)
    {
        public string Id { get; } = id;

        public string? OwnerId { get; set; }

        public string? SystemChannelId { get; set; }

        public string? FirstTextChannelId { get; set; }

        public Dictionary<string, DiscordRole> Roles { get; set; } = [];
    }
}

internal static class Snowflake
{
    private const long DiscordEpochMs = 1_420_070_400_000;

    public static DateTimeOffset? CreatedAt(string id) =>
        ulong.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(value >> 22) + DiscordEpochMs)
            : null;
}
