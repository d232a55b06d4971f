using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bot.Adapters.Discord.Json;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Discord.Rest;

/// <summary>
/// HTTP to Discord's REST API v10 through <see cref="RestRateLimiter"/>. The token goes only into the
/// Authorization header; logs and errors name the route with ids and tokens replaced.
/// </summary>
internal sealed partial class DiscordRestClient(HttpClient http, DiscordOptions options, RestRateLimiter limiter, TimeProvider time, ILogger<DiscordRestClient> logger)
{
    public const string UserAgent = "DiscordBot (https://github.com/communitybot/communitybot, 0.1.0)";
    private const int MaxAttempts = 4;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent?> content, JsonTypeInfo<T> result, CancellationToken ct, string? auditReason = null)
    {
        using var response = await SendRawAsync(method, path, content, auditReason, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await JsonSerializer.DeserializeAsync(stream, result, ct)
            ?? throw new DiscordRestException($"Discord answered {method} {new RestRoute(method, path).Display} with an empty body.");
    }

    public async Task SendAsync(HttpMethod method, string path, Func<HttpContent?> content, CancellationToken ct, string? auditReason = null)
    {
        using var response = await SendRawAsync(method, path, content, auditReason, ct);
    }

    public static Func<HttpContent?> Json<T>(T body, JsonTypeInfo<T> type) =>
        () => JsonContent(body, type);

    public static readonly Func<HttpContent?> NoBody = () => null;

    public static HttpContent JsonContent<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, Func<HttpContent?> content, string? auditReason, CancellationToken ct)
    {
        var route = new RestRoute(method, path);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using (await limiter.AcquireAsync(route, ct))
            {
                using var request = new HttpRequestMessage(method, new Uri(options.ApiBaseUrl.TrimEnd('/') + path));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.BotToken);
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                if (auditReason is { Length: > 0 })
                {
                    // Discord reads the header URL-encoded (so non-ASCII reasons survive) and keeps 512 characters.
                    request.Headers.TryAddWithoutValidation("X-Audit-Log-Reason", Uri.EscapeDataString(auditReason.Length > 512 ? auditReason[..512] : auditReason));
                }

                request.Content = content();
                try
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                }
                catch (HttpRequestException ex)
                {
                    throw new DiscordRestException($"Discord {method} {route.Display} failed: {ex.Message}");
                }

                limiter.Record(route, response);
            }

            if ((int)response.StatusCode != 429)
            {
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    throw await ErrorAsync(route, response, ct);
                }
            }

            using (response)
            {
                var body = await ReadAsync(response, DiscordJsonContext.Default.RateLimitBody, ct) ?? new RateLimitBody();
                var wait = limiter.RecordTooManyRequests(route, response, body.RetryAfter, body.Global);
                LogRateLimited(route.Display, wait.TotalMilliseconds, attempt);
                if (attempt >= MaxAttempts)
                {
                    throw new DiscordRestException($"Discord {method} {route.Display} still rate limited after {attempt} attempts.", 429);
                }

                await Task.Delay(wait, time, ct);
            }
        }
    }

    private static async Task<DiscordRestException> ErrorAsync(RestRoute route, HttpResponseMessage response, CancellationToken ct)
    {
        var error = await ReadAsync(response, DiscordJsonContext.Default.DiscordError, ct);
        var status = (int)response.StatusCode;
        var detail = error?.Message is { Length: > 0 } message ? $": {message} (code {error.Code})" : string.Empty;
        return new DiscordRestException($"Discord {route.Method} {route.Display} answered {status}{detail}.", status, error?.Code);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken ct)
        where T : class
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(ct);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord rate limited {Route}; waiting {WaitMs} ms (attempt {Attempt})")]
    private partial void LogRateLimited(string route, double waitMs, int attempt);
}
