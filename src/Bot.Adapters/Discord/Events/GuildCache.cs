using System.Collections.Concurrent;
using System.Globalization;
using Bot.Adapters.Discord.Json;
using Bot.Domain.Model;

namespace Bot.Adapters.Discord.Events;

/// <summary>What the adapter remembers of each guild from the gateway: owner, roles and their permissions, channels, member count.</summary>
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
            state.Name = guild.Name ?? state.Name;
            state.MemberCount = guild.MemberCount ?? state.MemberCount;
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

    /// <summary>The guild's member count: GUILD_CREATE's, kept in step by joins and leaves (bots included, as Discord counts).</summary>
    public int? MemberCount(string guildId) => _guilds.TryGetValue(guildId, out var state) ? state.MemberCount : null;

    public void CountMember(string guildId, int change)
    {
        if (_guilds.TryGetValue(guildId, out var state))
        {
            lock (state)
            {
                state.MemberCount = state.MemberCount is { } count ? Math.Max(0, count + change) : null;
            }
        }
    }

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

    public bool Knows(string guildId) => _guilds.ContainsKey(guildId);

    /// <summary>
    /// A member's permissions in a channel, as Discord computes them: the owner has all; otherwise @everyone and
    /// their roles, Administrator meaning all, then the channel's overwrites for @everyone, their roles, and them.
    /// </summary>
    public ulong PermissionsIn(string guildId, string userId, IReadOnlyList<string> memberRoles, IReadOnlyList<PermissionOverwrite>? overwrites)
    {
        if (!_guilds.TryGetValue(guildId, out var state))
        {
            return 0;
        }

        if (state.OwnerId == userId)
        {
            return ulong.MaxValue;
        }

        var roles = state.Roles;
        var permissions = roles.TryGetValue(guildId, out var everyone) ? ParsePermissions(everyone.Permissions) : 0UL;
        foreach (var roleId in memberRoles)
        {
            permissions |= roles.TryGetValue(roleId, out var role) ? ParsePermissions(role.Permissions) : 0UL;
        }

        if ((permissions & DiscordPermissions.Administrator) != 0)
        {
            return ulong.MaxValue;
        }

        var list = overwrites ?? [];
        if (list.FirstOrDefault(o => o.Id == guildId) is { } all)
        {
            permissions = (permissions & ~ParsePermissions(all.Deny)) | ParsePermissions(all.Allow);
        }

        var (allow, deny) = (0UL, 0UL);
        foreach (var overwrite in list.Where(o => o.Type == 0 && memberRoles.Contains(o.Id)))
        {
            allow |= ParsePermissions(overwrite.Allow);
            deny |= ParsePermissions(overwrite.Deny);
        }

        permissions = (permissions & ~deny) | allow;
        if (list.FirstOrDefault(o => o.Type == 1 && o.Id == userId) is { } own)
        {
            permissions = (permissions & ~ParsePermissions(own.Deny)) | ParsePermissions(own.Allow);
        }

        return permissions;
    }

    public string? FindRoleByName(string guildId, string name) =>
        _guilds.TryGetValue(guildId, out var state)
            ? state.Roles.Values.FirstOrDefault(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Id
            : null;

    public string? NameOf(string guildId) => _guilds.TryGetValue(guildId, out var state) ? state.Name : null;

    /// <summary>Where the guild shows joins: its system channel, else its first text channel.</summary>
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

        public string? Name { get; set; }

        public string? SystemChannelId { get; set; }

        public string? FirstTextChannelId { get; set; }

        public int? MemberCount { get; set; }

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
