using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Bot.Adapters.Postgres;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// adapter → de-duplicate by event id → features → commit state + outbox → execute actions.
/// A batch is one transaction: the dedupe rows, every feature's writes and the outbox commit together,
/// so a crash before the commit loses nothing (the platform redelivers) and after it nothing is done
/// twice except actions whose execution was cut short (the outbox replays those at start).
/// </summary>
public sealed partial class EventPipeline(
    IServiceScopeFactory scopes,
    ActionRouter router,
    PipelineMetrics metrics,
    ILogger<EventPipeline> logger) : IEventPipeline
{
    // jsonb does not keep key order, so the type discriminator may come back anywhere in the object.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    private const int Attempts = 4;

    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private readonly CancellationTokenSource _stopping = new();

    public async Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) =>
        await router.ExecuteAsync(await CommitAsync(events, ct), ct);

    public async Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        var committed = await CommitAsync(events, ct);
        if (committed.Count == 0)
        {
            return;
        }

        var run = Task.Run(() => ExecuteInBackgroundAsync(committed), CancellationToken.None);
        _inFlight.TryAdd(run, true);
        _ = run.ContinueWith(done => _inFlight.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Waits for actions running in the background; those still running when <paramref name="ct"/> ends are cut short (the outbox replays them).</summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        try
        {
            await Task.WhenAll(_inFlight.Keys).WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync();
        }
    }

    private async Task ExecuteInBackgroundAsync(List<(long Id, BotAction Action)> committed)
    {
        try
        {
            await router.ExecuteAsync(committed, _stopping.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_stopping.IsCancellationRequested)
        {
            LogBackgroundFailed(ex.GetType().Name);
        }
        catch (OperationCanceledException)
        {
            // Stopping: what was not marked done stays in the outbox for the next start.
        }
    }

    /// <summary>Decides and commits the batch, running it again when Postgres rolled it back; returns the committed actions.</summary>
    private async Task<List<(long Id, BotAction Action)>> CommitAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        // Concurrent batches (shards, timers, webhooks) can deadlock on shared rows; Postgres then rolls one back
        // whole — dedupe rows included — so running it again is safe.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CommitOnceAsync(events, ct);
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState is "40P01" or "40001" && attempt < Attempts)
            {
                LogRetry(ex.SqlState, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), ct);
            }
        }
    }

    private async Task<List<(long Id, BotAction Action)>> CommitOnceAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var started = Stopwatch.GetTimestamp();
        metrics.EventsIn(events.Count);
        List<(long Id, BotAction Action)> committed;
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
                foreach (var chatEvent in fresh)
                {
                    var context = await contexts.CreateAsync(chatEvent, ct);
                    foreach (var action in await dispatcher.DispatchAsync(context, ct))
                    {
                        decided.Add((chatEvent.EventId, action));
                    }

                    db.LeaveFeatures();
                }
            }

            committed = await WriteOutboxAsync(db, decided, ct);
            await db.CommitAsync(ct);
        }

        metrics.Latency(Stopwatch.GetElapsedTime(started));
        return committed;
    }

    /// <summary>Inserts the batch's event ids; only those not seen before come back.</summary>
    private async Task<List<ChatEvent>> ClaimAsync(DbSession db, IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.EventId).Distinct().ToArray();
        var claimed = (await db.QueryAsync<string>(
            "insert into processed_events (event_id) select unnest(@ids) on conflict do nothing returning event_id", new { ids }, ct)).ToHashSet();
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

    private static async Task<List<(long Id, BotAction Action)>> WriteOutboxAsync(DbSession db, List<(string EventId, BotAction Action)> decided, CancellationToken ct)
    {
        if (decided.Count == 0)
        {
            return [];
        }

        var eventIds = decided.Select(d => d.EventId).ToArray();
        var platforms = decided.Select(d => d.Action.Community.Platform.ToString()).ToArray();
        var payloads = decided.Select(d => JsonSerializer.Serialize(d.Action, Json)).ToArray();
        var ids = await db.QueryAsync<long>(
            """
            insert into outbox (event_id, platform, action)
            select e, p, a::jsonb from unnest(@eventIds, @platforms, @payloads) with ordinality as t(e, p, a, n) order by n
            returning id
            """,
            new { eventIds, platforms, payloads }, ct);
        return [.. ids.Order().Zip(decided, (id, d) => (id, d.Action))];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch rolled back by Postgres ({SqlState}) on attempt {Attempt}; running it again")]
    private partial void LogRetry(string sqlState, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Actions run in the background failed ({Exception}); the outbox replays what was not done")]
    private partial void LogBackgroundFailed(string exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dropped duplicate event {EventId}")]
    private partial void LogDuplicate(string eventId);
}
