using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bot.Adapters.Postgres;
using Bot.Adapters.Reliability;
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
/// acknowledged (Telegram would only send it again); while the database is away the answer is 503 and a processing
/// failure 500, so Telegram redelivers; an update that keeps failing is set aside (<see cref="PoisonUpdates"/>).
/// </summary>
public static partial class TelegramWebhook
{
    public const string Path = "/telegram/webhook";

    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

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

        var database = services.GetRequiredService<DatabaseAvailability>();
        if (!services.GetRequiredService<TelegramBotIdentity>().IsKnown || database.IsDegraded)
        {
            // Start-up has not heard from getMe yet, or the database is away: Telegram retries a 503 later.
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

        // Telegram waits for the answer before it sends this chat anything else: never hold it long.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(AnswerWithin);
        try
        {
            var processor = services.GetRequiredService<TelegramUpdateProcessor>();
            await services.GetRequiredService<PoisonUpdates>().ProcessAsync([update], Describe, processor.ProcessAsync, deadline.Token);
            return Results.Ok();
        }
        catch (Exception e) when (Transient.Is(e) || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            if (e is not OperationCanceledException)
            {
                database.Failed(e);
            }

            LogDatabaseAway(logger, update.Id);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogProcessingFailed(logger, update.Id, services.GetRequiredService<TokenRedactor>().Describe(e));
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    private static IncomingUpdate Describe(Update update) =>
        new("telegram", update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), () => JsonSerializer.Serialize(update, JsonBotAPI.Options));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} from the webhook answered 503: the database is away; Telegram delivers it again")]
    private static partial void LogDatabaseAway(ILogger logger, long updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook call from {Remote} refused: wrong or missing secret token")]
    private static partial void LogBadSecret(ILogger logger, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram webhook body skipped: not a valid update ({Reason})")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram update {UpdateId} from the webhook failed; Telegram will deliver it again: {Reason}")]
    private static partial void LogProcessingFailed(ILogger logger, long updateId, string reason);
}
