using Bot.Adapters.Postgres;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Reliability;

/// <summary>
/// Whether the database is reachable, as the ingest paths last found it: <c>/healthz</c> reports degraded while it is
/// not, and the Telegram webhook answers 503 at once instead of holding Telegram's connection.
/// </summary>
public sealed partial class DatabaseAvailability(TimeProvider time, ILogger<DatabaseAvailability> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _downSince;

    public bool IsDegraded => _downSince is not null;

    public DateTimeOffset? DownSince => _downSince;

    /// <summary>A transient failure: from now on degraded, until something succeeds.</summary>
    public void Failed(Exception exception)
    {
        lock (_gate)
        {
            if (_downSince is not null)
            {
                return;
            }

            _downSince = time.GetUtcNow();
        }

        LogDown(exception.GetType().Name);
    }

    public void Succeeded()
    {
        if (_downSince is null)
        {
            return;
        }

        DateTimeOffset since;
        lock (_gate)
        {
            if (_downSince is not { } down)
            {
                return;
            }

            since = down;
            _downSince = null;
        }

        LogUp((time.GetUtcNow() - since).TotalSeconds);
    }

    /// <summary>
    /// Runs <paramref name="work"/> until it succeeds, waiting with <see cref="Backoff.Database"/> after each transient
    /// failure (back-pressure: the caller takes no new work meanwhile), or briefly (<see cref="Backoff.Conflict"/>) after
    /// a deadlock or serialization conflict, which leaves the database healthy; other failures and cancellation propagate.
    /// </summary>
    public async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await work(ct);
                Succeeded();
                return result;
            }
            catch (Exception ex) when (Transient.Is(ex) && !ct.IsCancellationRequested)
            {
                // A lost deadlock is no outage: run again soon, and /healthz stays healthy.
                var conflict = Transient.IsConflict(ex);
                if (!conflict)
                {
                    Failed(ex);
                }

                var wait = (conflict ? Backoff.Conflict : Backoff.Database).Delay(attempt);
                LogRetrying(ex.GetType().Name, wait.TotalMilliseconds, attempt);
                await Task.Delay(wait, time, ct);
            }
        }
    }

    public Task RetryAsync(Func<CancellationToken, Task> work, CancellationToken ct) =>
        RetryAsync(async c => { await work(c); return true; }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is unavailable ({Exception}); ingest waits and retries")]
    private partial void LogDown(string exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is back after {Seconds:0.0} s")]
    private partial void LogUp(double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Transient database failure ({Exception}); retrying in {Milliseconds:0} ms (attempt {Attempt})")]
    private partial void LogRetrying(string exception, double milliseconds, int attempt);
}
