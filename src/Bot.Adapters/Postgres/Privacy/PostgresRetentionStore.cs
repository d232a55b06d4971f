using Bot.Domain.Privacy;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres.Privacy;

/// <summary>Applies retention: message text cleared (counts stay), old audit entries and operational rows removed.</summary>
public sealed class PostgresRetentionStore(NpgsqlDataSource dataSource) : IRetentionStore
{
    /// <summary>Kinds of data with their retention statement; features with transcripts add theirs.</summary>
    public static readonly IReadOnlyList<(string Kind, string Sql)> Statements =
    [
        ("message text", "update messages set text = null where at < @MessageText and text is not null"),
        ("audit log", "delete from audit_log where at < @AuditLog"),
        ("survey comments", "update survey_responses set comment = null where at < @MessageText and comment is not null"),
        ("spending records", "delete from tier_spending where recorded_at < @Spending"),
        ("executed actions", "delete from outbox where done_at is not null and done_at < @MessageText"),
        ("processed event ids", "delete from processed_events where processed_at < @MessageText"),
        ("ticket transcripts", "delete from ticket_messages m using tickets t where t.id = m.ticket_id and t.closed_at < @TicketTranscripts"),
        // An erased member's moderation record, once its strikes have decayed (appeals first: they reference it).
        ("decayed appeals", "delete from moderation_appeals a using moderation_infractions i where i.id = a.infraction_id and i.forget_at < @Now"),
        ("decayed infractions", "delete from moderation_infractions where forget_at < @Now"),
        ("dead letters", "delete from dead_letters where failed_at < @MessageText"),
        ("poison updates", "delete from poison_updates where set_aside_at < @MessageText"),
    ];

    public async Task<IReadOnlyDictionary<string, int>> ApplyAsync(RetentionCutoffs cutoffs, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var result = new Dictionary<string, int>();
        foreach (var (kind, sql) in Statements)
        {
            result[kind] = await connection.ExecuteAsync(new CommandDefinition(sql, cutoffs, transaction, cancellationToken: ct));
        }

        await transaction.CommitAsync(ct);
        return result;
    }
}
