using System.Text.Json;
using Bot.Adapters.Postgres;
using Bot.Adapters.Reliability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Long polling (in <see cref="TelegramMode.Polling"/>): asks for updates from the stored offset, processes each batch, and only then asks
/// past it. Asking with an offset confirms (Telegram forgets) every update before it, so the next request is sent only once the batch is
/// committed; what overlaps is the storing of that offset with the next request (see docs/telegram.md, "Polling is pipelined"). A crash
/// in between redelivers the batch, and the pipeline drops what it already did. The batch's actions
/// run on the sending queues, so the next poll does not wait for them; while the database is away the same batch is
/// tried again with back-off, and an update that keeps failing is set aside (<see cref="PoisonUpdates"/>).
/// </summary>
public sealed partial class TelegramPolling(
    TelegramGateway api,
    TelegramOptions options,
    TelegramBotIdentity identity,
    TelegramStore store,
    TelegramUpdateProcessor processor,
    PoisonUpdates poison,
    DatabaseAvailability database,
    TimeProvider time,
    TokenRedactor redactor,
    ILogger<TelegramPolling> logger) : BackgroundService
{
    public const int BatchSize = 100;

    private static readonly Backoff TelegramBackoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Mode != TelegramMode.Polling)
        {
            return;
        }

        var offset = await database.RetryAsync(c => store.GetOffsetAsync(identity.Id, c), stoppingToken);
        LogPollingStarted(offset);
        var failures = 0;
        var saving = Task.CompletedTask;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                (offset, saving) = await PollOnceAsync(offset, saving, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await LandAsync(saving);
                return;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 409)
            {
                LogWebhookConflict();
                await Task.Delay(TimeSpan.FromSeconds(60), time, stoppingToken);
            }
            catch (Exception e) when (Transient.Is(e))
            {
                // The database is away: no new updates are taken (the batch is not confirmed) until it is back.
                database.Failed(e);
                var wait = Backoff.Database.Delay(++failures);
                LogDatabaseAway(wait.TotalMilliseconds);
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (Exception e)
            {
                var wait = TelegramBackoff.Delay(++failures);
                LogPollFailed(redactor.Describe(e), wait.TotalSeconds);
                await Task.Delay(wait, time, stoppingToken);
            }
        }
    }

    /// <summary>
    /// One long poll: the batch is processed (committed) before the next request confirms it. The previous batch's offset is
    /// stored while this request is in flight; both must succeed before this batch is processed, so stored offsets only grow.
    /// Returns the next offset and the storing of it, left running for the next poll to overlap.
    /// </summary>
    private async Task<(long? Next, Task Saving)> PollOnceAsync(long? offset, Task saving, CancellationToken ct)
    {
        if (saving.IsFaulted && offset is { } unsaved)
        {
            // The last store failed (the database was away): store it again alongside this request.
            saving = store.SaveOffsetAsync(identity.Id, unsaved, CancellationToken.None);
        }

        var fetch = api.CallAsync("getUpdates", (c, t) => c.SendRequest(
            new RawUpdates { Offset = (int?)offset, Limit = BatchSize, Timeout = options.PollTimeoutSeconds, AllowedUpdates = TelegramStartup.AllowedUpdates }, t), ct);

        // Both are observed; if the store failed, this batch is dropped unprocessed and asked for again from the same offset.
        await Task.WhenAll(fetch, saving);
        var raw = await fetch;
        if (raw.Length == 0)
        {
            return (offset, Task.CompletedTask);
        }

        var updates = new List<Update>(raw.Length);
        var next = offset;
        foreach (var element in raw)
        {
            var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("update_id", out var idProperty) && idProperty.TryGetInt64(out var number)
                ? number
                : (long?)null;
            next = id is { } seen && (next is null || seen >= next) ? seen + 1 : next;
            if (Read(element, out var error) is { } update)
            {
                updates.Add(update);
                continue;
            }

            // Malformed alone: logged, kept in poison_updates with its payload, and the rest of the batch goes on.
            var described = id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
            LogMalformedSkipped(described, error);
            if (id is not null)
            {
                await poison.SetAsideAsync(new IncomingUpdate("telegram", described, element.GetRawText), "malformed: " + error, 1, ct);
            }
        }

        if (updates.Count > 0)
        {
            await poison.ProcessAsync(updates, Describe, processor.ProcessAsync, ct);
        }

        database.Succeeded();

        // Not cut by the stop: a graceful stop lets the last offset land (LandAsync), so a restart asks from it.
        return (next, next is { } confirmed && confirmed != offset ? store.SaveOffsetAsync(identity.Id, confirmed, CancellationToken.None) : Task.CompletedTask);
    }

    /// <summary>On stop, the offset being stored is waited for; if it fails the updates come again and are dropped as done.</summary>
    private static async Task LandAsync(Task saving)
    {
        try
        {
            await saving;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing is lost: the stored offset is only older.
        }
    }

    private static Update? Read(JsonElement element, out string error)
    {
        try
        {
            error = string.Empty;
            return element.Deserialize<Update>(JsonBotAPI.Options) ?? throw new JsonException("the update is null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            // The reader's message names the path and the position in the update, never a token.
            error = e.GetType().Name + ": " + e.Message;
            return null;
        }
    }

    private static IncomingUpdate Describe(Update update) =>
        new("telegram", update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), () => JsonSerializer.Serialize(update, JsonBotAPI.Options));

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling Telegram from offset {Offset}")]
    private partial void LogPollingStarted(long? offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram refuses getUpdates (409) because a webhook is set for this bot. Either run with Telegram:Mode=Webhook, or remove the webhook (call deleteWebhook, or stop the other instance using it) and polling resumes by itself.")]
    private partial void LogWebhookConflict();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is away; Telegram updates wait and polling resumes in {Milliseconds:0} ms")]
    private partial void LogDatabaseAway(double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Telegram failed ({Reason}); trying again in {Seconds:0.0} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped Telegram update {UpdateId}: it is malformed ({Reason}); set aside in poison_updates")]
    private partial void LogMalformedSkipped(string updateId, string reason);
}
