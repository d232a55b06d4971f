namespace Bot.Adapters.Discord.Gateway;

/// <summary>
/// Session starts: shards identify in buckets (<c>shard_id % max_concurrency</c>), one identify per
/// bucket per 5 seconds, and none while the daily <c>session_start_limit</c> is used up.
/// </summary>
internal sealed class IdentifyGate(TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly Dictionary<int, DateTimeOffset> _nextAllowed = [];
    private readonly Lock _lock = new();
    private int _maxConcurrency = 1;
    private int _remaining = int.MaxValue;
    private DateTimeOffset _resetAt;

    public void Configure(int maxConcurrency, int remaining, TimeSpan resetAfter)
    {
        lock (_lock)
        {
            _maxConcurrency = Math.Max(1, maxConcurrency);
            _remaining = remaining;
            _resetAt = time.GetUtcNow() + resetAfter;
        }
    }

    public async Task WaitAsync(int shardId, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                if (_remaining <= 0 && now >= _resetAt)
                {
                    _remaining = int.MaxValue;
                }

                var bucket = shardId % _maxConcurrency;
                var next = _nextAllowed.GetValueOrDefault(bucket);
                if (_remaining > 0 && now >= next)
                {
                    _nextAllowed[bucket] = now + Interval;
                    _remaining--;
                    return;
                }

                wait = _remaining <= 0 ? _resetAt - now : next - now;
            }

            await Task.Delay(wait, time, ct);
        }
    }
}
