namespace Bot.Adapters.Telegram;

/// <summary>
/// Keeps sending within Telegram's limits: every request within the overall rate, messages also within
/// the per-chat rate and, for groups, the per-minute group rate. Each limit is a sliding window of the
/// last sends (exact: never N+1 in any window), and a 429's <c>retry_after</c> pauses the chat it named.
/// </summary>
public sealed class TelegramRateLimiter(TelegramOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly SendWindow _global = new(options.RequestsPerSecond, TimeSpan.FromSeconds(1));
    private readonly Dictionary<long, SendWindow> _chats = [];
    private readonly Dictionary<long, SendWindow> _groups = [];
    private readonly Dictionary<long, DateTimeOffset> _pausedUntil = [];
    private DateTimeOffset _globalPausedUntil;

    /// <summary>Waits until a request may go; <paramref name="messageChat"/> names the chat a message goes to.</summary>
    public async Task WaitAsync(long? messageChat, CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                wait = Max(_globalPausedUntil - now, _global.Wait(now));
                if (messageChat is { } chat)
                {
                    wait = Max(wait, _pausedUntil.GetValueOrDefault(chat) - now);
                    wait = Max(wait, ChatWindow(chat).Wait(now));
                    if (chat < 0)
                    {
                        wait = Max(wait, GroupWindow(chat).Wait(now));
                    }
                }

                if (wait <= TimeSpan.Zero)
                {
                    _global.Record(now);
                    if (messageChat is { } sent)
                    {
                        ChatWindow(sent).Record(now);
                        if (sent < 0)
                        {
                            GroupWindow(sent).Record(now);
                        }
                    }

                    return;
                }
            }

            await Task.Delay(wait, time, ct);
        }
    }

    /// <summary>Telegram answered 429: nothing more to that chat (or at all) until the wait is over.</summary>
    public void Pause(long? chat, TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + retryAfter;
            if (chat is { } id)
            {
                _pausedUntil[id] = until;
            }
            else
            {
                _globalPausedUntil = until;
            }
        }
    }

    private SendWindow ChatWindow(long chat) => Get(_chats, chat, () =>
        options.MessagesPerSecondPerChat >= 1
            ? new SendWindow((int)options.MessagesPerSecondPerChat, TimeSpan.FromSeconds(1))
            : new SendWindow(1, TimeSpan.FromSeconds(1 / options.MessagesPerSecondPerChat)));

    private SendWindow GroupWindow(long chat) => Get(_groups, chat, () => new SendWindow(options.MessagesPerMinutePerGroup, TimeSpan.FromMinutes(1)));

    private SendWindow Get(Dictionary<long, SendWindow> windows, long chat, Func<SendWindow> create)
    {
        if (!windows.TryGetValue(chat, out var window))
        {
            // Forget chats that have been quiet for a while, so the tables stay the size of the active chats.
            if (windows.Count > 10_000)
            {
                var now = time.GetUtcNow();
                foreach (var idle in windows.Where(kv => kv.Value.IsIdle(now)).Select(kv => kv.Key).ToList())
                {
                    windows.Remove(idle);
                }
            }

            window = windows[chat] = create();
        }

        return window;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>At most <c>limit</c> sends in any <c>period</c>: the times of the last sends.</summary>
    private sealed class SendWindow(int limit, TimeSpan period)
    {
        private readonly Queue<DateTimeOffset> _sent = new();

        public TimeSpan Wait(DateTimeOffset now)
        {
            while (_sent.Count > 0 && _sent.Peek() + period <= now)
            {
                _sent.Dequeue();
            }

            return _sent.Count < limit ? TimeSpan.Zero : _sent.Peek() + period - now;
        }

        public void Record(DateTimeOffset now) => _sent.Enqueue(now);

        public bool IsIdle(DateTimeOffset now) => _sent.Count == 0 || _sent.Last() + period <= now;
    }
}
