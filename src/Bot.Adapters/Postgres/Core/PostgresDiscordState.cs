using System.Text.Json;
using Bot.Adapters.Discord.Events;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres.Core;

/// <summary>The Discord adapter's own rows (migration 0320); each call is its own short transaction.</summary>
public sealed class PostgresDiscordState(NpgsqlDataSource db, TimeProvider time) : IDiscordState
{
    public async Task SaveRaidLevelAsync(string guildId, int level, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into discord_raid_levels (guild_id, level, saved_at) values (@guildId, @level, @now)
            on conflict (guild_id) do nothing
            """,
            new { guildId, level, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<int?> TakeRaidLevelAsync(string guildId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<int>(new CommandDefinition(
            "delete from discord_raid_levels where guild_id = @guildId returning level", new { guildId }, cancellationToken: ct)))
            .Select(l => (int?)l).FirstOrDefault();
    }

    public async Task SaveInvitesAsync(string guildId, IReadOnlyDictionary<string, (int Uses, int MaxUses)> invites, CancellationToken ct)
    {
        var json = JsonSerializer.Serialize(invites.ToDictionary(i => i.Key, i => new[] { i.Value.Uses, i.Value.MaxUses }));
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into discord_invite_snapshots (guild_id, invites, saved_at) values (@guildId, @json::jsonb, @now)
            on conflict (guild_id) do update set invites = excluded.invites, saved_at = excluded.saved_at
            """,
            new { guildId, json, now = time.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyDictionary<string, (int Uses, int MaxUses)>?> InvitesAsync(string guildId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select invites::text from discord_invite_snapshots where guild_id = @guildId", new { guildId }, cancellationToken: ct));
        return json is null
            ? null
            : JsonSerializer.Deserialize<Dictionary<string, int[]>>(json)!.ToDictionary(i => i.Key, i => (i.Value[0], i.Value[1]));
    }
}
