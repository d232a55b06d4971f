using System.Collections.Concurrent;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Outbox;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Reliability;

/// <summary>A platform update on its way in: where it came from, its id, and its payload (kept if it is set aside).</summary>
public sealed record IncomingUpdate(string Source, string Id, Func<string> Payload);

/// <summary>
/// Finds the update that keeps failing outside feature isolation (a bug, a shape nobody expected) and sets it aside
/// after <see cref="MaxFailures"/> failures, with its payload, so the rest of the stream goes on. Transient failures
/// (the database away) are not the update's fault and do not count.
/// </summary>
public sealed partial class PoisonUpdates(PostgresOutboxStore store, PipelineMetrics metrics, ILogger<PoisonUpdates> logger)
{
    public const int MaxFailures = 3;

    private readonly ConcurrentDictionary<string, int> _failures = new();

    /// <summary>
    /// Processes the batch; if it fails, each update alone, setting aside the one that has now failed often enough.
    /// Throws (so the caller backs off and tries the batch again) while a failing update has failures to spare.
    /// </summary>
    public async Task ProcessAsync<T>(
        IReadOnlyList<T> updates, Func<T, IncomingUpdate> describe, Func<IReadOnlyList<T>, CancellationToken, Task> process, CancellationToken ct)
    {
        if (updates.Count == 1)
        {
            await ProcessAloneAsync(updates[0], describe, process, ct);
            return;
        }

        try
        {
            await process(updates, ct);
            return;
        }
        catch (Exception ex) when (!Transient.Is(ex) && ex is not OperationCanceledException)
        {
            // Some update in the batch is at fault: find which, one at a time (those done already are dropped as duplicates).
        }

        Exception? first = null;
        foreach (var update in updates)
        {
            try
            {
                await ProcessAloneAsync(update, describe, process, ct);
            }
            catch (Exception ex) when (!Transient.Is(ex) && ex is not OperationCanceledException)
            {
                first ??= ex;
            }
        }

        if (first is not null)
        {
            throw first;
        }
    }

    private async Task ProcessAloneAsync<T>(T update, Func<T, IncomingUpdate> describe, Func<IReadOnlyList<T>, CancellationToken, Task> process, CancellationToken ct)
    {
        try
        {
            await process([update], ct);
        }
        catch (Exception ex) when (!Transient.Is(ex) && ex is not OperationCanceledException)
        {
            var incoming = describe(update);
            var key = $"{incoming.Source}:{incoming.Id}";
            var failures = _failures.AddOrUpdate(key, 1, (_, n) => n + 1);
            if (failures < MaxFailures)
            {
                throw;
            }

            await SetAsideAsync(incoming, ex.GetType().Name, failures, ct);
            _failures.TryRemove(key, out _);
            LogSetAside(incoming.Source, incoming.Id, failures, ex.GetType().Name);
        }
    }

    /// <summary>Sets an update aside at once (one that cannot even be read), with its payload and the reason.</summary>
    public async Task SetAsideAsync(IncomingUpdate incoming, string reason, int failures, CancellationToken ct)
    {
        if (await store.SetAsideAsync(incoming.Source, incoming.Id, null, incoming.Payload(), reason, failures, ct))
        {
            metrics.PoisonUpdate();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} update {Id} failed {Failures} times ({Exception}); set aside in poison_updates and skipped")]
    private partial void LogSetAside(string source, string id, int failures, string exception);
}
