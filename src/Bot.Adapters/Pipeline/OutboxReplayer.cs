using System.Text.Json;
using Bot.Domain.Actions;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// Executes outbox actions that were committed but not done: those of a process that died between
/// commit and execution (found at start), and those whose execution threw (retried with back-off).
/// Rows are locked while they run so that two processes never replay the same action.
/// </summary>
public sealed partial class OutboxReplayer(
    NpgsqlDataSource dataSource,
    ActionRouter router,
    TimeProvider time,
    ILogger<OutboxReplayer> logger) : BackgroundService
{
    public const int MaxAttempts = 8;

    public async Task<int> ReplayAsync(TimeSpan minimumAge, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rows = (await connection.QueryAsync<(long Id, string Action)>(new CommandDefinition(
            """
            select id, action::text from outbox
            where done_at is null and attempts < @MaxAttempts and created_at < now() - make_interval(secs => @age)
                and created_at < now() - make_interval(secs => power(2, attempts)::int * 5)
            order by id limit 500 for update skip locked
            """,
            new { MaxAttempts, age = minimumAge.TotalSeconds }, transaction, cancellationToken: ct))).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        LogReplaying(rows.Count);
        var actions = rows.Select(r => (r.Id, JsonSerializer.Deserialize<BotAction>(r.Action, EventPipeline.Json)!)).ToList();
        await router.ExecuteAsync(actions, ct, (connection, transaction));
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // At start, anything pending belongs to a process that stopped before finishing it.
        var minimumAge = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReplayAsync(minimumAge, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReplayFailed(ex.GetType().Name);
            }

            minimumAge = TimeSpan.FromSeconds(30);
            await Task.Delay(TimeSpan.FromSeconds(15), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Count} pending outbox actions")]
    private partial void LogReplaying(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox replay failed ({Exception}); trying again later")]
    private partial void LogReplayFailed(string exception);
}
