using System.Globalization;
using System.Text.Json;
using Bot.Adapters.Pipeline;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Tiering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Web;

/// <summary>
/// <c>POST /api/communities/{id}/spending</c>: a shop reports one purchase. The call must be signed with the community's
/// secret (<see cref="SpendingSignature"/>); a missing, wrong or stale signature is 401 and nothing is read further.
/// The purchase becomes a <see cref="SpendingReported"/> event whose id is its idempotency key, so the same order sent
/// twice (or also imported from a CSV) counts once; 202 means it is committed.
/// </summary>
public static partial class SpendingWebhook
{
    public const string Route = "/api/communities/{id}/spending";
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IEndpointConventionBuilder MapSpendingWebhook(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, HandleAsync).DisableAntiforgery();

    private static async Task<IResult> HandleAsync(string id, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SpendingWebhook));
        var hook = services.GetRequiredService<TieringOptions>().SpendingWebhooks
            .FirstOrDefault(w => w.Community.Equals(id, StringComparison.OrdinalIgnoreCase));
        if (hook is null)
        {
            return Results.NotFound();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        }

        var body = await ReadAsync(http.Request.Body, ct);
        if (body is null)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var check = SpendingSignature.Verify(
            hook.Secret, http.Request.Headers[SpendingSignature.TimestampHeader].FirstOrDefault(),
            http.Request.Headers[SpendingSignature.Header].FirstOrDefault(), body, now);
        if (check != SignatureCheck.Valid)
        {
            LogRefused(logger, hook.Community, check);
            return Refuse(StatusCodes.Status401Unauthorized, check switch
            {
                SignatureCheck.Missing => $"{SpendingSignature.Header} and {SpendingSignature.TimestampHeader} (Unix seconds) are required.",
                SignatureCheck.Stale => $"{SpendingSignature.TimestampHeader} is more than {SpendingSignature.MaxAge.TotalMinutes} minutes from now; sign each call when sending it.",
                _ => "The signature does not match the body.",
            });
        }

        var (row, error) = Parse(body, now);
        if (row is null)
        {
            LogMalformed(logger, hook.Community, error!);
            return Refuse(StatusCodes.Status400BadRequest, error!);
        }

        var community = CommunityRef.Parse(hook.Community);
        await services.GetRequiredService<IEventPipeline>().ProcessAsync(
            [new SpendingReported($"spend:{community}:{row.Key}", community, now, row)], ct);
        return Results.Json(new { accepted = true, key = row.Key }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>{"order_id": "A1001", "member": "alice@example.com", "amount": 1200, "currency": "TWD", "date": "2026-11-30T10:00:00+08:00"}</c>;
    /// member and amount are needed; a date without a zone is UTC.
    /// </summary>
    internal static (SpendingRow? Row, string? Error) Parse(byte[] body, DateTimeOffset now)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, "The body is not JSON.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object with member and amount.");
        }

        string? Text(string name) => root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
        var (row, error) = SpendingRow.Create(1, Text("member") ?? string.Empty, Text("amount") ?? string.Empty, Text("currency"), Text("date"), Text("order_id"), TimeZoneInfo.Utc, now);
        return row is not null ? (row, null) : (null, Describe(error!));
    }

    // The row errors name "line 1"; for a call the field is what matters.
    private static string Describe(ParseError error) => TieringText.Get(English, error.Key, error.Args).Replace("line 1: ", string.Empty, StringComparison.Ordinal);

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult Refuse(int status, string error) => Results.Json(new { error }, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spending webhook call for {Community} refused: signature {Check}")]
    private static partial void LogRefused(ILogger logger, string community, SignatureCheck check);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spending webhook call for {Community} refused: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string community, string reason);
}
