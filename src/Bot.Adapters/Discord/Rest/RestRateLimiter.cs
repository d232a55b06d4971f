using System.Collections.Concurrent;
using System.Globalization;

namespace Bot.Adapters.Discord.Rest;

/// <summary>Thrown instead of calling Discord when a call would break a limit we must not reach.</summary>
internal sealed class DiscordRestException(string message, int? status = null, int? code = null) : Exception(message)
{
    public int? Status { get; } = status;

    public int? Code { get; } = code;

    /// <summary>Worth retrying later (server trouble, a rate limit that outlasted the retries), as opposed to a refusal.</summary>
    public bool IsTransient => Status is null or 429 or >= 500;
}

/// <summary>
/// Keeps REST calls inside Discord's limits: one request at a time per route (so each answer's
/// <c>X-RateLimit-Remaining</c> is exact), the per-bucket remaining count and reset shared by routes
/// in the same bucket, the global per-second limit, a 429's <c>retry_after</c>, and a guard that
/// stops well before Discord's invalid-request ban (10,000 per 10 minutes).
/// </summary>
internal sealed class RestRateLimiter(DiscordOptions options, TimeProvider time)
{
    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _routeGates = new();
    private readonly ConcurrentDictionary<string, string> _routeBuckets = new();
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _lock = new();
    private DateTimeOffset _globalBlockedUntil;

    /// <summary>Waits until the route may be called; dispose the result once its answer is recorded.</summary>
    public async Task<IDisposable> AcquireAsync(RestRoute route, CancellationToken ct)
    {
        CheckInvalidGuard();
        var gate = _routeGates.GetOrAdd(route.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await WaitForBucketAsync(route, ct);
            if (route.IsGlobal)
            {
                await WaitForGlobalAsync(ct);
            }

            return new Release(gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Records the bucket headers of an answer.</summary>
    public void Record(RestRoute route, HttpResponseMessage response)
    {
        if ((int)response.StatusCode is 401 or 403)
        {
            RecordInvalid();
        }

        var bucketId = Header(response, "X-RateLimit-Bucket");
        if (bucketId is null)
        {
            return;
        }

        _routeBuckets[route.Key] = bucketId;
        var bucket = _buckets.GetOrAdd(BucketKey(bucketId, route.Key), _ => new Bucket());
        var remaining = ParseInt(Header(response, "X-RateLimit-Remaining"));
        var limit = ParseInt(Header(response, "X-RateLimit-Limit"));
        var resetAfter = ParseSeconds(Header(response, "X-RateLimit-Reset-After"));
        lock (bucket)
        {
            bucket.Limit = limit ?? bucket.Limit;
            if (remaining is { } r && resetAfter is { } after)
            {
                // A later reset is a new window; within one window, requests still in flight keep their reservation.
                var resetAt = time.GetUtcNow() + after;
                bucket.Remaining = resetAt > bucket.ResetAt + TimeSpan.FromSeconds(1) ? r : Math.Min(bucket.Remaining, r);
                bucket.ResetAt = resetAt > bucket.ResetAt ? resetAt : bucket.ResetAt;
            }
        }
    }

    /// <summary>A 429: blocks the bucket (or every route, for the global scope) for <c>retry_after</c>; returns the wait.</summary>
    public TimeSpan RecordTooManyRequests(RestRoute route, HttpResponseMessage response, double retryAfterSeconds, bool globalFlag)
    {
        var scope = Header(response, "X-RateLimit-Scope");
        if (scope != "shared")
        {
            RecordInvalid();
        }

        var wait = TimeSpan.FromSeconds(Math.Max(retryAfterSeconds, ParseSeconds(Header(response, "Retry-After"))?.TotalSeconds ?? 0));
        var until = time.GetUtcNow() + wait;
        if (globalFlag || scope == "global" || Header(response, "X-RateLimit-Global") == "true")
        {
            lock (_lock)
            {
                _globalBlockedUntil = until > _globalBlockedUntil ? until : _globalBlockedUntil;
            }

            return wait;
        }

        var bucketId = Header(response, "X-RateLimit-Bucket") ?? (_routeBuckets.TryGetValue(route.Key, out var known) ? known : route.Key);
        _routeBuckets[route.Key] = bucketId;
        var bucket = _buckets.GetOrAdd(BucketKey(bucketId, route.Key), _ => new Bucket());
        lock (bucket)
        {
            bucket.Remaining = 0;
            bucket.ResetAt = until > bucket.ResetAt ? until : bucket.ResetAt;
        }

        return wait;
    }

    private async Task WaitForBucketAsync(RestRoute route, CancellationToken ct)
    {
        if (!_routeBuckets.TryGetValue(route.Key, out var bucketId) || !_buckets.TryGetValue(BucketKey(bucketId, route.Key), out var bucket))
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            lock (bucket)
            {
                var now = time.GetUtcNow();
                if (now >= bucket.ResetAt && bucket.Remaining <= 0)
                {
                    // A new window: assume the limit until the next answer says otherwise.
                    bucket.Remaining = Math.Max(bucket.Limit ?? 1, 1);
                }

                if (bucket.Remaining > 0)
                {
                    bucket.Remaining--;
                    return;
                }

                wait = bucket.ResetAt - now;
            }

            await Task.Delay(wait, time, ct);
        }
    }

    private async Task WaitForGlobalAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_globalWindow.Count > 0 && now - _globalWindow.Peek() >= TimeSpan.FromSeconds(1))
                {
                    _globalWindow.Dequeue();
                }

                if (now < _globalBlockedUntil)
                {
                    wait = _globalBlockedUntil - now;
                }
                else if (_globalWindow.Count < options.GlobalRequestsPerSecond)
                {
                    _globalWindow.Enqueue(now);
                    return;
                }
                else
                {
                    wait = _globalWindow.Peek() + TimeSpan.FromSeconds(1) - now;
                }
            }

            await Task.Delay(wait, time, ct);
        }
    }

    private void RecordInvalid()
    {
        lock (_invalid)
        {
            _invalid.Enqueue(time.GetUtcNow());
        }
    }

    private void CheckInvalidGuard()
    {
        lock (_invalid)
        {
            var now = time.GetUtcNow();
            while (_invalid.Count > 0 && now - _invalid.Peek() >= InvalidWindow)
            {
                _invalid.Dequeue();
            }

            if (_invalid.Count >= options.InvalidRequestLimit)
            {
                throw new DiscordRestException(
                    $"Discord REST paused: {_invalid.Count} invalid requests (401/403/429) in the last 10 minutes reached Discord:InvalidRequestLimit; calls resume as they age out.");
            }
        }
    }

    // Routes in one bucket share it only for the same major parameter; the route key carries it.
    private static string BucketKey(string bucketId, string routeKey)
    {
        var majorStart = routeKey.IndexOf('/', StringComparison.Ordinal);
        var parts = routeKey[majorStart..].Split('/');
        var major = parts.Length > 2 && parts[1] is "channels" or "guilds" or "webhooks" or "interactions" ? parts[2] : string.Empty;
        return $"{bucketId}:{major}";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? ParseSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? TimeSpan.FromSeconds(value) : null;

    private sealed class Bucket
    {
        public int Remaining { get; set; } = 1;

        public int? Limit { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
