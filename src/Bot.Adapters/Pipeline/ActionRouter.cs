using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// Executes committed outbox actions in order: timers on the scheduler, answers to the web dashboard to the page
/// waiting for them, everything else on the executor of the action's platform. Done rows are marked; an action that threw stays pending for the replayer.
/// Results asked for with a correlation come back into the pipeline as <see cref="ActionCompleted"/>.
/// </summary>
public sealed partial class ActionRouter(
    IEnumerable<IActionExecutor> executors,
    TimerScheduler timers,
    WebReplies web,
    NpgsqlDataSource dataSource,
    PipelineMetrics metrics,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ActionRouter> logger)
{
    private readonly Dictionary<Platform, IActionExecutor> _executors = executors.ToDictionary(e => e.Platform);

    /// <param name="heldBy">The replayer's connection and transaction that lock these rows, to mark them through.</param>
    public async Task ExecuteAsync(
        IReadOnlyList<(long Id, BotAction Action)> actions, CancellationToken ct, (NpgsqlConnection Connection, NpgsqlTransaction Transaction)? heldBy = null)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var done = new List<long>();
        var secret = new List<long>();
        var failed = new List<(long Id, string Error)>();
        var completions = new List<ChatEvent>();
        foreach (var (id, action) in actions)
        {
            ActionResult result;
            try
            {
                result = await RunAsync(action, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogActionThrew(action.GetType().Name, id, ex.GetType().Name);
                await MarkAsync(RetrySql, new { id, error = ex.GetType().Name }, heldBy, ct);
                continue;
            }

            metrics.ActionOut(result.Succeeded);
            if (action.Sensitive)
            {
                secret.Add(id);
            }

            if (result.Succeeded)
            {
                done.Add(id);
            }
            else
            {
                LogActionRefused(action.GetType().Name, id, result.Error ?? "unknown");
                failed.Add((id, result.Error ?? "failed"));
            }

            if (action.Correlation is { } correlation)
            {
                completions.Add(new ActionCompleted(
                    $"done:{id}", action.Community, time.GetUtcNow(), correlation, result.Succeeded,
                    result.ChannelId, result.MessageId, result.Value, result.Error));
            }
        }

        await MarkAsync(
            DoneSql,
            new { done = done.ToArray(), secret = secret.ToArray(), failedIds = failed.Select(f => f.Id).ToArray(), failedErrors = failed.Select(f => f.Error).ToArray() },
            heldBy,
            ct);
        if (completions.Count > 0)
        {
            await services.GetRequiredService<IEventPipeline>().ProcessAsync(completions, ct);
        }
    }

    private Task<ActionResult> RunAsync(BotAction action, CancellationToken ct) => action switch
    {
        ScheduleTimer schedule => timers.ScheduleAsync(schedule, ct),
        CancelTimer cancel => timers.CancelAsync(cancel, ct),
        _ when web.TryTake(action) => Task.FromResult(ActionResult.Ok),
        _ when _executors.TryGetValue(action.Community.Platform, out var executor) => executor.ExecuteAsync(action, ct),
        _ => Task.FromResult(ActionResult.Failed($"no {action.Community.Platform} adapter is running")),
    };

    private const string DoneSql =
        """
        update outbox set done_at = now(), attempts = attempts + 1 where id = any(@done);
        update outbox o set done_at = now(), attempts = attempts + 1, last_error = f.e
        from unnest(@failedIds, @failedErrors) as f(i, e) where o.id = f.i;
        update outbox set action = action || '{"text": "[redacted]"}'::jsonb where id = any(@secret);
        """;

    private const string RetrySql = "update outbox set attempts = attempts + 1, last_error = @error where id = @id";

    private async Task MarkAsync(string sql, object param, (NpgsqlConnection Connection, NpgsqlTransaction Transaction)? heldBy, CancellationToken ct)
    {
        if (heldBy is { } held)
        {
            await held.Connection.ExecuteAsync(new CommandDefinition(sql, param, held.Transaction, cancellationToken: ct));
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(sql, param, cancellationToken: ct));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} (outbox {Id}) threw {Exception}; it stays pending and is retried")]
    private partial void LogActionThrew(string action, long id, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} (outbox {Id}) was refused: {Error}")]
    private partial void LogActionRefused(string action, long id, string error);
}
