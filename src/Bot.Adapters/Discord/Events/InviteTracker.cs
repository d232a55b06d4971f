using System.Collections.Concurrent;
using Bot.Adapters.Discord.Json;
using Bot.Adapters.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Events;

/// <summary>An invite's count as last seen.</summary>
internal readonly record struct InviteUse(int Uses, int MaxUses);

/// <summary>Which invite a new member used: the one whose count went up. Pure, so it is tested as data.</summary>
internal static class InviteDiff
{
    /// <summary>
    /// One invite went up: certain. Several went up at once (two joins between looks): the first, uncertain.
    /// None went up but one vanished (a limited invite used up and deleted): that one, certain only if it
    /// had exactly one use left. Otherwise nothing (a vanity URL, a discovery join).
    /// </summary>
    public static (string? Code, bool Certain) Attribute(IReadOnlyDictionary<string, InviteUse> before, IReadOnlyDictionary<string, InviteUse> after)
    {
        var increased = after
            .Where(a => a.Value.Uses > (before.TryGetValue(a.Key, out var b) ? b.Uses : 0))
            .Select(a => a.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (increased.Count > 0)
        {
            return (increased[0], increased.Count == 1);
        }

        var vanished = before.Where(b => !after.ContainsKey(b.Key)).ToList();
        if (vanished.Count == 1)
        {
            var (code, use) = (vanished[0].Key, vanished[0].Value);
            return (code, use.MaxUses > 0 && use.Uses + 1 == use.MaxUses);
        }

        return (null, false);
    }
}

/// <summary>Each guild's invites and their uses, refreshed on every join to attribute it.</summary>
internal sealed partial class InviteTracker(DiscordApi api, IDiscordState state, ILogger<InviteTracker> logger)
{
    private readonly ConcurrentDictionary<string, Dictionary<string, InviteUse>> _byGuild = new();

    /// <summary>
    /// The guild's invites when it (re)appears: the last look saved before a restart when there is one, so that joins
    /// delivered after the restart still compare against it; otherwise a fresh look.
    /// </summary>
    public async Task LoadAsync(string guildId, CancellationToken ct)
    {
        if (await state.InvitesAsync(guildId, ct) is { } saved)
        {
            _byGuild[guildId] = saved.ToDictionary(i => i.Key, i => new InviteUse(i.Value.Uses, i.Value.MaxUses));
            return;
        }

        var invites = await FetchAsync(guildId, ct);
        if (invites is not null)
        {
            _byGuild[guildId] = invites;
            await SaveAsync(guildId, invites, ct);
        }
    }

    public void Created(DiscordInvite invite)
    {
        if (invite.GuildId is { } guild && _byGuild.TryGetValue(guild, out var invites))
        {
            lock (invites)
            {
                invites[invite.Code] = new InviteUse(invite.Uses, invite.MaxUses);
            }
        }
    }

    /// <summary>Compares the invites now with the last look; call in join order per guild.</summary>
    public async Task<(string? Code, bool Certain)> AttributeJoinAsync(string guildId, CancellationToken ct)
    {
        var after = await FetchAsync(guildId, ct);
        if (after is null)
        {
            return (null, false);
        }

        var before = _byGuild.TryGetValue(guildId, out var known) ? known : null;
        _byGuild[guildId] = after;
        await SaveAsync(guildId, after, ct);
        if (before is null)
        {
            return (null, false);
        }

        lock (before)
        {
            return InviteDiff.Attribute(before, after);
        }
    }

    private Task SaveAsync(string guildId, Dictionary<string, InviteUse> invites, CancellationToken ct)
    {
        lock (invites)
        {
            return state.SaveInvitesAsync(guildId, invites.ToDictionary(i => i.Key, i => (i.Value.Uses, i.Value.MaxUses)), ct);
        }
    }

    private async Task<Dictionary<string, InviteUse>?> FetchAsync(string guildId, CancellationToken ct)
    {
        try
        {
            var invites = await api.GetInvitesAsync(guildId, ct);
            return invites.ToDictionary(i => i.Code, i => new InviteUse(i.Uses, i.MaxUses));
        }
        catch (DiscordRestException ex) when (!ex.IsTransient)
        {
            // Usually 403: the bot lacks Manage Server; joins are then recorded without an invite.
            LogInvitesUnavailable(guildId, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord guild {GuildId}: cannot read invites ({Reason}); joins are not attributed")]
    private partial void LogInvitesUnavailable(string guildId, string reason);
}
