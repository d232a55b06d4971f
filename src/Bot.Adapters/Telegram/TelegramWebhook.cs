using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Adapters.Telegram;

/// <summary>
/// <c>POST /telegram/webhook</c>: Telegram's deliveries in webhook mode. The secret header is compared in
/// constant time; wrong or missing is 401 with nothing read. A body that is not an update is logged and
/// acknowledged (Telegram would only send it again); a processing failure is 500, so Telegram redelivers.
/// </summary>
public static partial class TelegramWebhook
{
    public const string Path = "/telegram/webhook";

    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static IEndpointConventionBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, HandleAsync).DisableAntiforgery();

    public static bool SecretMatches(string? expected, string? given)
    {
        if (string.IsNullOrEmpty(expected) || given is null)
        {
            return false;
        }

        // FixedTimeEquals is constant-time for equal lengths; hashing first makes the lengths equal too.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }

    private static async Task<IResult> HandleAsync(HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<TelegramOptions>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramWebhook));
        if (options.Mode != TelegramMode.Webhook)
        {
            return Results.NotFound();
        }

        if (!SecretMatches(options.WebhookSecret, http.Request.Headers[SecretHeader].FirstOrDefault()))
        {
            LogBadSecret(logger, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Unauthorized();
        }

        if (!services.GetRequiredService<TelegramBotIdentity>().IsKnown)
        {
            // Start-up has not heard from getMe yet; Telegram retries a 503 later.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, ct);
        }
        catch (JsonException e)
        {
            LogMalformed(logger, e.Message);
            return Results.Ok();
        }

        if (update is null)
        {
            LogMalformed(logger, "the body is JSON null");
            return Results.Ok();
        }

        try
        {
            await services.GetRequiredService<TelegramUpdateProcessor>().ProcessAsync([update], ct);
            return Results.Ok();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProcessingFailed(logger, update.Id, services.GetRequiredService<TokenRedactor>().Describe(e));
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook call from {Remote} refused: wrong or missing secret token")]
    private static partial void LogBadSecret(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook body skipped: not a valid update ({Reason})")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} from the webhook failed; Telegram will deliver it again: {Reason}")]
    private static partial void LogProcessingFailed(ILogger logger, long updateId, string reason);
}
