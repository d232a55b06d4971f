using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Every call the bot makes to Telegram goes through here: first the rate limiter, then the call; a 429
/// pauses the chat for <c>retry_after</c> and tries again, up to <see cref="MaxAttempts"/> times.
/// </summary>
public sealed partial class TelegramGateway(ITelegramBotClient client, TelegramRateLimiter limiter, TimeProvider time, ILogger<TelegramGateway> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>A call that is not a message (delete, restrict, look-ups): only the overall rate applies.</summary>
    public Task<T> CallAsync<T>(string method, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken ct) =>
        SendAsync(method, null, call, ct);

    /// <summary>A call that posts into <paramref name="chat"/>: the per-chat and per-group rates apply too.</summary>
    public async Task<T> SendAsync<T>(string method, long? chat, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await limiter.WaitAsync(chat, ct);
            try
            {
                return await call(client, ct);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < MaxAttempts)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                LogTooManyRequests(method, chat, wait.TotalSeconds, attempt);
                limiter.Pause(chat, wait);
                await Task.Delay(wait, time, ct);
            }
        }
    }

    public Task CallAsync(string method, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken ct) =>
        CallAsync(method, async (c, t) => { await call(c, t); return true; }, ct);

    public Task SendAsync(string method, long? chat, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken ct) =>
        SendAsync(method, chat, async (c, t) => { await call(c, t); return true; }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram answered 429 to {Method} (chat {Chat}): waiting {Seconds} s as it asked, then retrying (attempt {Attempt})")]
    private partial void LogTooManyRequests(string method, long? chat, double seconds, int attempt);
}
