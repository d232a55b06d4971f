using Bot.Adapters.Pipeline;
using Bot.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Takes a batch of updates (from polling or the webhook), translates them and hands the events to the
/// pipeline; returns once their state is committed, so the caller may then confirm the updates (their actions go on
/// in the sending queues). Adapter-only work (answering button presses, delivering held private answers) is done here.
/// </summary>
public sealed partial class TelegramUpdateProcessor(
    IServiceScopeFactory scopes,
    TelegramBotIdentity me,
    TelegramAdminCache admins,
    TelegramCommunities communities,
    TelegramGateway api,
    TelegramStore store,
    TelegramSettings settings,
    TelegramFiles files,
    TelegramOptions options,
    TokenRedactor redactor,
    ILogger<TelegramUpdateProcessor> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, bool> _left = new();
    private static readonly TimeSpan CallbackAnswerWait = TimeSpan.FromSeconds(10);

    public async Task ProcessAsync(IReadOnlyList<Update> updates, CancellationToken ct)
    {
        var translated = new List<ChatEvent>();

        // A chat's community is looked up once per batch: every update is translated before any of them commits, so a link
        // made by this batch could not apply to its own updates anyway, and a busy group costs one query, not a hundred.
        var linked = new Dictionary<long, ChatCommunity>();
        foreach (var update in updates)
        {
            // A failure to reach the database here throws: the batch is not confirmed and comes again.
            translated.AddRange(await TranslateAsync(update, linked, ct));
        }

        var events = EventText.Clean(translated);

        var actionsRun = Task.FromResult<IReadOnlyList<ActionResult?>>([]);
        if (events.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            actionsRun = await scope.ServiceProvider.GetRequiredService<IEventPipeline>().SubmitAsync(events, ct);
        }

        var presses = updates.Select(u => u.CallbackQuery).OfType<CallbackQuery>().ToList();
        if (presses.Count > 0)
        {
            // After the features' actions (one may be the press's own ephemeral answer), without holding up the next poll.
            _ = AnswerAfterAsync(actionsRun, presses, ct);
        }
    }

    /// <summary>Stops the spinner of each press that no action answered (their results say which did).</summary>
    private async Task AnswerAfterAsync(Task<IReadOnlyList<ActionResult?>> actionsRun, List<CallbackQuery> presses, CancellationToken ct)
    {
        IReadOnlyList<ActionResult?> results = [];
        try
        {
            results = await actionsRun.WaitAsync(CallbackAnswerWait, ct);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Telegram keeps a press open for a short while only: stop its spinner even if the actions are still queued.
        }

        var answered = results.Select(r => r?.Answered).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var callback in presses.Where(p => !answered.Contains(p.Id)))
        {
            await AnswerAsync(callback, ct);
        }
    }

    private async Task<IReadOnlyList<ChatEvent>> TranslateAsync(Update update, Dictionary<long, ChatCommunity> linked, CancellationToken ct)
    {
        if (UpdateTranslator.ChatOf(update) is { Type: not ChatType.Private } outside
            && options.AllowedChats.Length > 0 && !options.AllowedChats.Contains(outside.Id))
        {
            await LeaveAsync(outside.Id, ct);
            return [];
        }

        if (update.Message is { } started && await DeliverHeldReplyAsync(started, ct))
        {
            return [];
        }

        if (UpdateTranslator.ChatOf(update) is { } chat && UpdateTranslator.IsGroup(chat))
        {
            await communities.SeenAsync(chat.Id, chat.Title, ct);
        }

        if (update.MyChatMember is { } mine)
        {
            // The bot itself was added, removed or promoted: its view of the group's staff may be stale.
            admins.Invalidate(mine.Chat.Id);
            if (!UpdateTranslator.IsIn(mine.NewChatMember) && UpdateTranslator.IsGroup(mine.Chat))
            {
                await communities.LeftAsync(mine.Chat.Id, ct);
            }

            return [];
        }

        if (update.ChatMember is { } change && IsAdmin(change.OldChatMember) != IsAdmin(change.NewChatMember))
        {
            admins.Invalidate(change.Chat.Id);
        }

        if (UpdateTranslator.ChatOf(update) is not { } where)
        {
            return [];
        }

        var resolved = where.Type == ChatType.Private
            ? await communities.DefaultGroupAsync(ct) is { } home ? new ChatCommunity(home, null) : (ChatCommunity?)null
            : linked.TryGetValue(where.Id, out var known) ? known : linked[where.Id] = await communities.CommunityOfAsync(where.Id, ct);
        if (resolved is not { } found)
        {
            if (update.Message is { Chat.Type: ChatType.Private } direct)
            {
                LogNoCommunity(update.Id);
                await ExplainNoCommunityAsync(direct.Chat.Id, ct);
            }

            return [];
        }

        // Staff status is the community's: its own group's administrators, wherever they act (the staff chat too).
        var staff = await admins.GetAsync(found.CommunityChat, ct);
        IReadOnlyList<ChatEvent> events;
        try
        {
            events = UpdateTranslator.Translate(update, me.Username, found.CommunityChat, staff, found.Role);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // An update of a shape the translator does not expect is skipped alone, not retried forever.
            LogUpdateSkipped(update.Id, redactor.Describe(e));
            return [];
        }

        return await files.AttachAsync(update.Message, events, ct);
    }

    /// <summary>
    /// <c>/start &lt;token&gt;</c> in a private chat, from the link a group was given for a private answer: the answer
    /// held for this member is sent here. True when the message was such a request (answered either way).
    /// </summary>
    private async Task<bool> DeliverHeldReplyAsync(Message message, CancellationToken ct)
    {
        if (message is not { Chat.Type: ChatType.Private, From: { } from, Text: { } text }
            || !text.StartsWith("/start p", StringComparison.Ordinal) || text.Length > 80)
        {
            return false;
        }

        var token = text["/start ".Length..].Trim();
        var held = await store.TakePrivateReplyAsync(token, from.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        var chat = message.Chat.Id;
        var answer = held is { } found ? found.Text : TelegramText.Get(settings.DefaultCulture, "PrivateReplyGone");
        await api.SendAsync("sendMessage", chat, (c, t) => c.SendMessage(chat, answer, cancellationToken: t), ct);
        if (held is { File: { } file })
        {
            using var content = new MemoryStream(file.Content, writable: false);
            await api.SendAsync("sendDocument", chat, (c, t) =>
            {
                content.Position = 0;
                return c.SendDocument(chat, InputFile.FromStream(content, file.FileName), cancellationToken: t);
            }, ct);
        }

        return true;
    }

    /// <summary>A chat outside <see cref="TelegramOptions.AllowedChats"/>: the bot leaves it, once per run.</summary>
    private async Task LeaveAsync(long chat, CancellationToken ct)
    {
        if (!_left.TryAdd(chat, true))
        {
            return;
        }

        LogNotAllowed(chat);
        try
        {
            await api.CallAsync("leaveChat", (c, t) => c.LeaveChat(chat, t), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotTaken("leaving chat " + chat.ToString(System.Globalization.CultureInfo.InvariantCulture), redactor.Describe(e));
        }
    }

    private async Task ExplainNoCommunityAsync(long chat, CancellationToken ct)
    {
        try
        {
            var text = TelegramText.Get(settings.DefaultCulture, "NoCommunity");
            await api.SendAsync("sendMessage", chat, (c, t) => c.SendMessage(chat, text, cancellationToken: t), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotTaken("no-community reply", redactor.Describe(e));
        }
    }

    private async Task AnswerAsync(CallbackQuery callback, CancellationToken ct)
    {
        try
        {
            await api.CallAsync("answerCallbackQuery", (c, t) => c.AnswerCallbackQuery(callback.Id, cancellationToken: t), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotTaken("the answer to button press " + callback.Id, redactor.Describe(e));
        }
    }

    private static bool IsAdmin(ChatMember member) => member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update {UpdateId} could not be translated and was skipped: {Reason}")]
    private partial void LogUpdateSkipped(long updateId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Private message in update {UpdateId} skipped: no community is known (set Telegram:CommunityChatId when the bot is in several groups)")]
    private partial void LogNoCommunity(long updateId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram chat {ChatId} is not in Telegram:AllowedChats: the bot leaves it and ignores its updates")]
    private partial void LogNotAllowed(long chatId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram did not take {What}: {Reason}")]
    private partial void LogNotTaken(string what, string reason);
}
