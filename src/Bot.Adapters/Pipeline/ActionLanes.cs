using System.Collections.Concurrent;
using Bot.Adapters.Postgres.Outbox;
using Bot.Adapters.Reliability;
using Bot.Domain.Actions;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// The sending queues: committed, leased outbox rows run in order within their lane (<see cref="ActionRouter.LaneOf"/>)
/// and lanes run independently, so one chat's rate limit delays neither other chats nor ingest. Each action is marked
/// as it completes: done (one whose result was asked for is marked done with its <c>ActionCompleted</c>, by
/// <see cref="EventPipeline"/>), retried later (its lease kept until the back-off is over), or moved to the dead letters.
/// Rows queued here are leased to <see cref="Owner"/>; <see cref="RenewAsync"/> keeps the leases while they wait.
/// </summary>
public sealed partial class ActionLanes : IDisposable
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10));

    /// <summary>Most timers stored in one Quartz transaction: large enough to amortise the cluster lock, small enough to keep it short.</summary>
    public const int MaxTimerBatch = 500;

    private readonly ActionRouter _router;
    private readonly PostgresOutboxStore _outbox;
    private readonly DatabaseAvailability _database;
    private readonly OutboxOptions _options;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger<ActionLanes> _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<Entry>> _lanes = [];
    private readonly ConcurrentDictionary<long, byte> _held = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _stopping = new();

    public ActionLanes(
        ActionRouter router, PostgresOutboxStore outbox, DatabaseAvailability database, OutboxOptions options, PipelineMetrics metrics, ILogger<ActionLanes> logger)
    {
        (_router, _outbox, _database, _options, _metrics, _logger) = (router, outbox, database, options, metrics, logger);
        _room = new SemaphoreSlim(options.MaxQueued, options.MaxQueued);
    }

    /// <summary>This process's name on the leases it holds.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Actions queued or running here.</summary>
    public int Queued => _held.Count;

    /// <summary>
    /// Queues leased rows (waiting for room when <see cref="OutboxOptions.MaxQueued"/> are already queued). Each task
    /// ends with the action's result, or null when it was left for a later try (or, already queued here, skipped).
    /// </summary>
    public async Task<IReadOnlyList<Task<ActionResult?>>> EnqueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken ct)
    {
        var results = new List<Task<ActionResult?>>(items.Count);
        foreach (var item in items)
        {
            await _room.WaitAsync(ct);
            if (!_held.TryAdd(item.Id, 0))
            {
                _room.Release();
                results.Add(Task.FromResult<ActionResult?>(null));
                continue;
            }

            var entry = new Entry(item, new TaskCompletionSource<ActionResult?>(TaskCreationOptions.RunContinuationsAsynchronously));
            results.Add(entry.Done.Task);
            var lane = ActionRouter.LaneOf(item.Action);
            lock (_gate)
            {
                if (_lanes.TryGetValue(lane, out var queue))
                {
                    queue.Enqueue(entry);
                    continue;
                }

                _lanes[lane] = queue = new Queue<Entry>([entry]);
                var run = Task.Run(() => RunLaneAsync(lane, queue), CancellationToken.None);
                _running.TryAdd(run, 0);
                _ = run.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }

        return results;
    }

    /// <summary>Extends the leases of everything queued or running here.</summary>
    public Task<int> RenewAsync(CancellationToken ct) => _outbox.RenewAsync(Owner, [.. _held.Keys], _options.LeaseDuration, ct);

    /// <summary>
    /// Waits for the queues to empty; when <paramref name="ct"/> ends first, the rest is cut short. Leases not used
    /// up are then given back, so a restart (or another process) takes those actions at once.
    /// </summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await _outbox.ReleaseAsync(Owner, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unreleased leases only run out on their own.
            LogReleaseFailed(ex.GetType().Name);
        }
    }

    private async Task RunLaneAsync(string lane, Queue<Entry> queue)
    {
        while (true)
        {
            List<Entry> run;
            lock (_gate)
            {
                if (!queue.TryDequeue(out var first))
                {
                    _lanes.Remove(lane);
                    return;
                }

                // Timers queued one after another (an import, a bulk approval) are stored in one Quartz transaction;
                // only consecutive ones, so the lane's order (a cancel between two schedules) holds.
                run = [first];
                while (first.Item.Action is ScheduleTimer && run.Count < MaxTimerBatch
                    && queue.TryPeek(out var next) && next.Item.Action is ScheduleTimer)
                {
                    run.Add(queue.Dequeue());
                }
            }

            try
            {
                if (_stopping.IsCancellationRequested)
                {
                    run.ForEach(e => e.Done.TrySetResult(null));
                }
                else
                {
                    await ExecuteAsync(run);
                }
            }
            catch (Exception ex)
            {
                // Only a stop cuts an action short here (failures are recorded in ExecuteAsync): it stays leased for later.
                foreach (var entry in run.Where(e => !e.Done.Task.IsCompleted))
                {
                    LogCutShort(entry.Item.Id, ex.GetType().Name);
                    entry.Done.TrySetResult(null);
                }
            }
            finally
            {
                foreach (var entry in run)
                {
                    _held.TryRemove(entry.Item.Id, out _);
                    _room.Release();
                }
            }
        }
    }

    /// <summary>Runs one action, or a run of timers together; each is then marked on its own, and only after it ran.</summary>
    private async Task ExecuteAsync(List<Entry> run)
    {
        var stopping = _stopping.Token;
        IReadOnlyList<ActionResult> results;
        try
        {
            if (run is [var single])
            {
                using (OutboxScope.Enter(single.Item.Id))
                {
                    results = [await _router.RunAsync(single.Item.Action, stopping)];
                }
            }
            else
            {
                results = await _router.ScheduleAllAsync([.. run.Select(e => (ScheduleTimer)e.Item.Action)], stopping);
            }
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            foreach (var entry in run)
            {
                await FailedAsync(entry.Item, ex);
                entry.Done.TrySetResult(null);
            }

            return;
        }

        for (var i = 0; i < run.Count; i++)
        {
            run[i].Done.TrySetResult(await SettleAsync(run[i].Item, results[i]));
        }
    }

    private async Task FailedAsync(OutboxItem item, Exception ex)
    {
        var attempts = item.Attempts + 1;
        if (attempts >= _options.MaxAttempts)
        {
            await DeadLetterAsync(item, $"{attempts} attempts failed, the last with {ex.GetType().Name}");
            return;
        }

        var wait = RetryBackoff.Delay(attempts);
        LogActionThrew(item.Action.GetType().Name, item.Id, ex.GetType().Name, wait.TotalSeconds);
        await _database.RetryAsync(c => _outbox.RetryLaterAsync(item.Id, ex.GetType().Name, wait, c), _stopping.Token);
    }

    private async Task<ActionResult> SettleAsync(OutboxItem item, ActionResult result)
    {
        _metrics.ActionOut(result.Succeeded);
        if (!result.Succeeded)
        {
            await DeadLetterAsync(item, result.Error ?? "refused");
        }
        else if (item.Action.Correlation is null)
        {
            await _database.RetryAsync(c => _outbox.MarkDoneAsync(item.Id, item.Action.Sensitive, c), _stopping.Token);
        }

        return result;
    }

    private async Task DeadLetterAsync(OutboxItem item, string reason)
    {
        LogDeadLettered(item.Action.GetType().Name, item.Id, reason);
        await _database.RetryAsync(c => _outbox.DeadLetterAsync(item.Id, reason, c), _stopping.Token);
        _metrics.DeadLettered();
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _room.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} (outbox {Id}) threw {Exception}; it is tried again in {Seconds:0} s")]
    private partial void LogActionThrew(string action, long id, string exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} (outbox {Id}) failed for good and is now a dead letter: {Reason}")]
    private partial void LogDeadLettered(string action, long id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Action (outbox {Id}) cut short by the stop ({Exception}); it runs again after a restart")]
    private partial void LogCutShort(long id, string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the outbox leases at stop ({Exception}); they run out by themselves")]
    private partial void LogReleaseFailed(string exception);

    private sealed record Entry(OutboxItem Item, TaskCompletionSource<ActionResult?> Done);
}
