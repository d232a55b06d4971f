using System.Diagnostics;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Outbox;
using Bot.Adapters.Reliability;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// adapter → de-duplicate by event id → features → commit state + outbox → sending queues.
/// Features decide event by event, but what they read and write for ordinary messages goes set-based: preloaders read
/// the batch's rows in one statement per table, and rows put to a <see cref="BatchSink{TKey, TRow}"/> are written in one
/// statement per table at the end (docs/pipeline.md).
/// A batch is one transaction: the dedupe rows, every feature's writes and the outbox (leased to this process) commit
/// together, so a crash before the commit loses nothing (the platform redelivers) and after it every action runs once
/// (the lease keeps others off it; after a crash it runs out and the replayer takes it). A transient database failure
/// rolls the whole batch back and it is run again after a back-off, for as long as the database stays away.
/// Results asked for with a correlation come back into the pipeline as <see cref="ActionCompleted"/>: this class owns that loop.
/// </summary>
public sealed partial class EventPipeline(
    IServiceScopeFactory scopes,
    PostgresOutboxStore outbox,
    ActionLanes lanes,
    DatabaseAvailability database,
    OutboxOptions options,
    TimeProvider time,
    PipelineMetrics metrics,
    ILogger<EventPipeline> logger) : IEventPipeline
{
    public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => ProcessAsync(events, [], ct);

    public async Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => await QueueAsync(await CommitAsync(events, [], ct), ct);

    public async Task<Task<IReadOnlyList<ActionResult?>>> SubmitAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) =>
        await QueueAsync(await CommitAsync(events, [], ct), ct);

    /// <summary>
    /// Queues committed (or replayed) rows; returns once they are queued, with a task that ends with their results
    /// (in order) when they have run. A result asked for with a correlation comes back into the pipeline as soon as
    /// it is known, not after the batch's slowest action: a card's id is committed moments after the card appears.
    /// </summary>
    public async Task<Task<IReadOnlyList<ActionResult?>>> QueueAsync(IReadOnlyList<OutboxItem> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ActionResult?>>([]);
        }

        var results = await lanes.EnqueueAsync(items, ct);
        var settled = items.Select((item, i) => item.Action.Correlation is null ? results[i] : CompleteAsync(item, results[i])).ToArray();
        return AllAsync(settled);
    }

    public Task DrainAsync(CancellationToken ct) => lanes.DrainAsync(ct);

    private static async Task<IReadOnlyList<ActionResult?>> AllAsync(Task<ActionResult?>[] results) => await Task.WhenAll(results);

    /// <summary>Runs the batch and its actions, then their results (each marked done in the same commit), and so on.</summary>
    private async Task ProcessAsync(IReadOnlyList<ChatEvent> events, IReadOnlyList<OutboxItem> done, CancellationToken ct)
    {
        var committed = await CommitAsync(events, done, ct);
        var (completions, finished) = Completions(committed, await Task.WhenAll(await lanes.EnqueueAsync(committed, ct)));
        if (completions.Count > 0)
        {
            await ProcessAsync(completions, finished, ct);
        }
    }

    /// <summary>One action's result, committed as its <see cref="ActionCompleted"/> together with its done-mark.</summary>
    private async Task<ActionResult?> CompleteAsync(OutboxItem item, Task<ActionResult?> running)
    {
        var result = await running;
        var (completions, finished) = Completions([item], [result]);
        if (completions.Count == 0)
        {
            return result;
        }

        try
        {
            await QueueAsync(await CommitAsync(completions, finished, CancellationToken.None), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Not the database being away (that is waited out): a bug. The action did run; marking it done keeps it
            // from running again, at the cost of its result.
            LogCompletionFailed(ex.GetType().Name);
            try
            {
                foreach (var done in finished)
                {
                    await database.RetryAsync(c => outbox.MarkDoneAsync(done.Id, done.Action.Sensitive, c), CancellationToken.None);
                }
            }
            catch (Exception markFailed)
            {
                // Left leased: the lease runs out and the action runs again, with its result.
                LogCompletionFailed(markFailed.GetType().Name);
            }
        }

        return result;
    }

    /// <summary>
    /// The <see cref="ActionCompleted"/> events of the actions that asked for their result, and those actions: the lanes
    /// leave them not done, to be marked done in the commit of their completion, so a crash in between loses no result
    /// (the lease runs out, the action runs again, and its completion, under the same event id, is committed once).
    /// </summary>
    private (List<ChatEvent> Completions, List<OutboxItem> Finished) Completions(IReadOnlyList<OutboxItem> items, IReadOnlyList<ActionResult?> results)
    {
        var completions = new List<ChatEvent>();
        var finished = new List<OutboxItem>();
        for (var i = 0; i < Math.Min(items.Count, results.Count); i++)
        {
            if (items[i].Action.Correlation is { } correlation && results[i] is { } result)
            {
                completions.Add(new ActionCompleted(
                    $"done:{items[i].Id}", items[i].Action.Community, time.GetUtcNow(), correlation, result.Succeeded,
                    result.ChannelId, result.MessageId, result.Value, result.Error));
                if (result.Succeeded)
                {
                    finished.Add(items[i]);
                }
            }
        }

        return (completions, finished);
    }

    /// <summary>
    /// Decides and commits the batch (marking <paramref name="done"/> done in the same transaction), running it again
    /// while Postgres rolls it back or is away; returns the committed actions.
    /// </summary>
    private Task<List<OutboxItem>> CommitAsync(IReadOnlyList<ChatEvent> events, IReadOnlyList<OutboxItem> done, CancellationToken ct) =>
        events.Count == 0 ? Task.FromResult(new List<OutboxItem>()) : database.RetryAsync(c => CommitOnceAsync(events, done, c), ct);

    private async Task<List<OutboxItem>> CommitOnceAsync(IReadOnlyList<ChatEvent> events, IReadOnlyList<OutboxItem> done, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.EventsIn(events.Count);
        List<OutboxItem> committed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<DbSession>();
            var fresh = await ClaimAsync(db, events, ct);
            var decided = new List<(string EventId, BotAction Action)>();
            if (fresh.Count > 0)
            {
                var contexts = services.GetRequiredService<EventContextFactory>();
                var dispatcher = services.GetRequiredService<Dispatcher>();
                foreach (var preloader in BatchPreloaders.InOrder(services.GetServices<IBatchPreloader>()))
                {
                    await preloader.PreloadAsync(db, fresh, ct);
                }

                foreach (var chatEvent in fresh)
                {
                    // Messages read their batch's pending rows only through the stores; anything else (a command, an erasure,
                    // a timer) may read or rewrite them by SQL or change what was preloaded: the rows go out before it, its
                    // own rows are written as it goes, and loads are redone after it.
                    var ordinary = chatEvent is MessagePosted;
                    if (!ordinary)
                    {
                        await db.FlushAsync(ct);
                        db.DropLoaded();
                    }

                    db.WriteThrough = !ordinary;

                    var context = await contexts.CreateAsync(chatEvent, ct);
                    foreach (var action in await dispatcher.DispatchAsync(context, ct))
                    {
                        decided.Add((chatEvent.EventId, action));
                    }

                    db.LeaveFeatures();
                    if (!ordinary)
                    {
                        db.DropLoaded();
                    }
                }
            }

            committed = await outbox.WriteAsync(db, decided, lanes.Owner, options.LeaseDuration, ct);
            await outbox.MarkDoneAsync(db, done, ct);
            await db.CommitAsync(ct);
        }

        metrics.Latency(Stopwatch.GetElapsedTime(started));
        return committed;
    }

    /// <summary>Only events not seen before go on.</summary>
    private async Task<List<ChatEvent>> ClaimAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        var claimed = await outbox.ClaimEventsAsync(db, [.. events.Select(e => e.EventId).Distinct()], ct);
        var seen = new HashSet<string>();
        var fresh = new List<ChatEvent>(claimed.Count);
        foreach (var chatEvent in events)
        {
            if (claimed.Contains(chatEvent.EventId) && seen.Add(chatEvent.EventId))
            {
                fresh.Add(chatEvent);
            }
            else
            {
                metrics.Duplicate();
                LogDuplicate(chatEvent.EventId);
            }
        }

        return fresh;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Results of actions could not re-enter the pipeline ({Exception}); the actions are marked done without them")]
    private partial void LogCompletionFailed(string exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped duplicate event {EventId}")]
    private partial void LogDuplicate(string eventId);
}

