using System.Collections.Concurrent;
using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Rest;

namespace Bot.Adapters.Discord.Actions;

/// <summary>
/// A named role (a tier, "verified") → the guild's role id: <c>Discord:Roles:&lt;name&gt;</c> if configured,
/// else the guild's role of that name, else one the bot creates (without permissions) and remembers.
/// </summary>
internal sealed class DiscordRoleMap(DiscordApi api, GuildCache guilds, DiscordOptions options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _creating = new();

    public async Task<string> ResolveAsync(string guildId, string name, CancellationToken ct)
    {
        if (options.Roles.TryGetValue(name, out var configured))
        {
            return configured;
        }

        if (guilds.FindRoleByName(guildId, name) is { } known)
        {
            return known;
        }

        // One creation per guild at a time, so two grants of a new tier do not create it twice.
        var gate = _creating.GetOrAdd(guildId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (guilds.FindRoleByName(guildId, name) is { } createdMeanwhile)
            {
                return createdMeanwhile;
            }

            var role = await api.CreateRoleAsync(guildId, name, "CommunityBot role for members with this standing", ct);
            guilds.SetRole(guildId, role);
            return role.Id;
        }
        finally
        {
            gate.Release();
        }
    }
}
