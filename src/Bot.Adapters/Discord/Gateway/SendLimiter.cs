namespace Bot.Adapters.Discord.Gateway;

/// <summary>Discord closes a connection that sends more than 120 commands in 60 seconds: a sliding window, waited on.</summary>
internal sealed class SendLimiter(TimeProvider time, int limit = 120, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();

    public async Task WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = time.GetUtcNow();
                while (_sent.Count > 0 && now - _sent.Peek() >= _window)
                {
                    _sent.Dequeue();
                }

                if (_sent.Count < limit)
                {
                    _sent.Enqueue(now);
                    return;
                }

                wait = _sent.Peek() + _window - now;
            }

            await Task.Delay(wait, time, ct);
        }
    }
}
