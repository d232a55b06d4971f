using Telegram.Bot;

namespace Bot.Adapters.Telegram;

/// <summary>
/// The one Bot API client. Its HttpClient is built here rather than through IHttpClientFactory on purpose:
/// the factory's logging handlers write request URLs, and Telegram puts the token in the URL path.
/// Automatic 429 retries are off because sending waits for <c>retry_after</c> itself, inside the rate limiter.
/// </summary>
public static class TelegramClientFactory
{
    public static TelegramBotClient Create(TelegramOptions options)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(options.PollTimeoutSeconds + 30),
        };
        var clientOptions = new TelegramBotClientOptions(options.BotToken, options.ApiBaseUrl) { RetryCount = 0 };
        return new TelegramBotClient(clientOptions, http);
    }
}

/// <summary>Who the bot is, learned from <c>getMe</c> at start.</summary>
public sealed class TelegramBotIdentity
{
    private volatile Identity? _identity;

    public long Id => Current.Id;

    public string Username => Current.Username;

    public bool IsKnown => _identity is not null;

    private Identity Current => _identity ?? throw new InvalidOperationException("The Telegram bot identity is read before getMe answered.");

    public void Set(long id, string username) => _identity = new Identity(id, username);

    private sealed record Identity(long Id, string Username);
}

/// <summary>Removes the bot token from text that may have passed through a URL (exception messages, API descriptions).</summary>
public sealed class TokenRedactor(TelegramOptions options)
{
    public const string Mask = "[token]";

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var token = options.BotToken;
        if (token.Length == 0)
        {
            return text;
        }

        // The secret part after ':' is what matters; it is also what would survive URL encoding unchanged.
        var secret = token[(token.IndexOf(':', StringComparison.Ordinal) + 1)..];
        text = text.Replace(token, Mask, StringComparison.Ordinal);
        return secret.Length > 0 ? text.Replace(secret, Mask, StringComparison.Ordinal) : text;
    }

    /// <summary>A loggable description of a failure: type and redacted message, inner causes included.</summary>
    public string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {Redact(e.Message)}");
        }

        return string.Join(" ← ", parts);
    }
}
