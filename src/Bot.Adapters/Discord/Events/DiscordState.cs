using System.Collections.Concurrent;

namespace Bot.Adapters.Discord.Events;

/// <summary>
/// What the Discord adapter must remember across a restart: a guild's verification level before raid mode raised it,
/// and the last look at its invites (so a join resumed after a restart is still attributed).
/// </summary>
public interface IDiscordState
{
    Task SaveRaidLevelAsync(string guildId, int level, CancellationToken ct);

    /// <summary>The level saved for the guild, removed as it is taken.</summary>
    Task<int?> TakeRaidLevelAsync(string guildId, CancellationToken ct);

    Task SaveInvitesAsync(string guildId, IReadOnlyDictionary<string, (int Uses, int MaxUses)> invites, CancellationToken ct);

    Task<IReadOnlyDictionary<string, (int Uses, int MaxUses)>?> InvitesAsync(string guildId, CancellationToken ct);
}

/// <summary>The state in memory only, for a bot without a database (adapter tests); the host uses Postgres.</summary>
public sealed class MemoryDiscordState : IDiscordState
{
    private readonly ConcurrentDictionary<string, int> _levels = new();
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, (int Uses, int MaxUses)>> _invites = new();

    public Task SaveRaidLevelAsync(string guildId, int level, CancellationToken ct)
    {
        _levels[guildId] = level;
        return Task.CompletedTask;
    }

    public Task<int?> TakeRaidLevelAsync(string guildId, CancellationToken ct) =>
        Task.FromResult(_levels.TryRemove(guildId, out var level) ? level : (int?)null);

    public Task SaveInvitesAsync(string guildId, IReadOnlyDictionary<string, (int Uses, int MaxUses)> invites, CancellationToken ct)
    {
        _invites[guildId] = invites;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, (int Uses, int MaxUses)>?> InvitesAsync(string guildId, CancellationToken ct) =>
        Task.FromResult(_invites.GetValueOrDefault(guildId));
}
