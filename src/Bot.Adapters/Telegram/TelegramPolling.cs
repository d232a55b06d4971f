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
/// Long polling (in <see cref="TelegramMode.Polling"/>): asks for updates from the stored offset, processes each batch, and only then stores the
/// next offset. A crash in between redelivers the batch, and the pipeline drops what it already did. The batch's actions
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
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                offset = await PollOnceAsync(offset, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
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

    /// <summary>One long poll: the batch is processed (committed) before its offset is stored.</summary>
    private async Task<long?> PollOnceAsync(long? offset, CancellationToken ct)
    {
        Update[] updates;
        try
        {
            updates = await GetUpdatesAsync(offset, BatchSize, ct);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            return await SkipMalformedAsync(offset, ct);
        }

        if (updates.Length == 0)
        {
            return offset;
        }

        await poison.ProcessAsync(updates, Describe, processor.ProcessAsync, ct);
        var next = updates.Max(u => u.Id) + 1L;
        await store.SaveOffsetAsync(identity.Id, next, ct);
        database.Succeeded();
        return next;
    }

    private Task<Update[]> GetUpdatesAsync(long? offset, int limit, CancellationToken ct) =>
        api.CallAsync("getUpdates", (c, t) => c.GetUpdates(
            (int?)offset, limit, options.PollTimeoutSeconds, TelegramStartup.AllowedUpdates, t), ct);

    /// <summary>
    /// A batch Telegram.Bot could not read holds an update it cannot parse. The first pending update's id is read
    /// alone; if that update also fails on its own it is the broken one, and the offset moves just past it.
    /// </summary>
    private async Task<long?> SkipMalformedAsync(long? offset, CancellationToken ct)
    {
        var first = (await api.CallAsync("getUpdates", (c, t) => c.SendRequest(new PendingUpdateIds { Offset = (int?)offset }, t), ct)).FirstOrDefault();
        if (first is null)
        {
            return offset;
        }

        try
        {
            var single = await GetUpdatesAsync(first.Id, 1, ct);
            if (single.Length > 0)
            {
                await processor.ProcessAsync(single, ct);
                offset = single[0].Id + 1L;
                await store.SaveOffsetAsync(identity.Id, offset.Value, ct);
            }
        }
        catch (Exception e) when (IsMalformed(e))
        {
            LogMalformedSkipped(first.Id, redactor.Describe(e));
            offset = first.Id + 1L;
            await store.SaveOffsetAsync(identity.Id, offset.Value, ct);
        }

        return offset;
    }

    private static IncomingUpdate Describe(Update update) =>
        new("telegram", update.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), () => JsonSerializer.Serialize(update, JsonBotAPI.Options));

    private static bool IsMalformed(Exception e) => e is JsonException || e.InnerException is JsonException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling Telegram from offset {Offset}")]
    private partial void LogPollingStarted(long? offset);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telegram refuses getUpdates (409) because a webhook is set for this bot. Either run with Telegram:Mode=Webhook, or remove the webhook (call deleteWebhook, or stop the other instance using it) and polling resumes by itself.")]
    private partial void LogWebhookConflict();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database is away; Telegram updates wait and polling resumes in {Milliseconds:0} ms")]
    private partial void LogDatabaseAway(double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling Telegram failed ({Reason}); trying again in {Seconds:0.0} s")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped Telegram update {UpdateId}: it is malformed ({Reason})")]
    private partial void LogMalformedSkipped(long updateId, string reason);
}
