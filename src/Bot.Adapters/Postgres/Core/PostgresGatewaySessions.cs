using Bot.Adapters.Discord.Gateway;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres.Core;

/// <summary>Discord gateway sessions (migration 0390); each call is one statement.</summary>
public sealed class PostgresGatewaySessions(NpgsqlDataSource db, TimeProvider time) : IGatewaySessions
{
    public async Task<SavedGatewaySession?> LoadAsync(string botId, int shardId, int shardCount, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string SessionId, string ResumeUrl, long Sequence, DateTime SavedAt)>(new CommandDefinition(
            """
            select session_id, resume_url, sequence, saved_at
            from discord_sessions where bot_id = @botId and shard_id = @shardId and shard_count = @shardCount
            """,
            new { botId, shardId, shardCount }, cancellationToken: ct));
        return rows.Select(r => new SavedGatewaySession(r.SessionId, r.ResumeUrl, r.Sequence, new DateTimeOffset(DateTime.SpecifyKind(r.SavedAt, DateTimeKind.Utc))))
            .FirstOrDefault();
    }

    public async Task SaveAsync(string botId, int shardId, int shardCount, string sessionId, string resumeUrl, long sequence, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into discord_sessions (bot_id, shard_id, shard_count, session_id, resume_url, sequence, saved_at)
            values (@botId, @shardId, @shardCount, @sessionId, @resumeUrl, @sequence, @now)
            on conflict (bot_id, shard_id, shard_count) do update set
                session_id = excluded.session_id, resume_url = excluded.resume_url, saved_at = excluded.saved_at,
                sequence = case when discord_sessions.session_id = excluded.session_id
                                then greatest(discord_sessions.sequence, excluded.sequence) else excluded.sequence end
            """,
            new { botId, shardId, shardCount, sessionId, resumeUrl, sequence, now = time.GetUtcNow() }, cancellationToken: ct));
    }
}
