using System.Collections.Concurrent;
using System.Globalization;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Carries out actions on Telegram. A refusal by Telegram (400, 403) is a failed result, logged; a network
/// failure or a 429 that outlasts the retries throws, so the outbox tries the action again later.
/// </summary>
public sealed partial class TelegramActionExecutor(
    TelegramGateway api,
    TelegramStore store,
    TelegramCommunities communities,
    TelegramBotIdentity me,
    TelegramSettings settings,
    TokenRedactor redactor,
    ILogger<TelegramActionExecutor> logger) : IActionExecutor
{
    /// <summary>Telegram shows at most 200 characters in a button's notice.</summary>
    private const int MaxNoticeLength = 200;

    private readonly ConcurrentDictionary<long, bool> _isForum = new();

    public Platform Platform => Platform.Telegram;

    public async Task<ActionResult> ExecuteAsync(BotAction action, CancellationToken ct)
    {
        try
        {
            return await RunAsync(action, ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode != 429)
        {
            var reason = redactor.Redact(e.Message);
            LogRefused(action.GetType().Name, action.Community.ToString(), e.ErrorCode, reason);
            return ActionResult.Failed($"Telegram refused {action.GetType().Name}: {reason}");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // An id that is not a Telegram id will not become one by retrying.
            return ActionResult.Failed($"{action.GetType().Name} names an id Telegram cannot have.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Not the original exception: its message or inner ones might carry the request URL, and with it the token.
            throw new TelegramUnavailableException($"{action.GetType().Name} could not reach Telegram: {redactor.Describe(e)}");
        }
    }

    private async Task<ActionResult> RunAsync(BotAction action, CancellationToken ct)
    {
        var chat = ChatId(action.Community.Id);
        switch (action)
        {
            case Reply { Ephemeral: true, InteractionId: { } callbackId, File: null, Buttons: null } notice
                when notice.Text.Length <= MaxNoticeLength && await NoticeAsync(callbackId, notice.Text, ct):
                return new ActionResult(true, notice.ChannelId, Answered: callbackId);
            case Reply { Ephemeral: true, To: { } member } personal when personal.ChannelId != member.Id:
                return await PrivatelyAsync(personal, member, ct);
            case Reply reply:
                return await PostAsync(ChatId(reply.ChannelId), reply.Text, reply.Buttons, reply.File, ThreadOf(reply.ThreadId), MessageOf(reply.ReplyToMessageId), ct);
            case SendMessage send:
                var sent = await PostAsync(ChatId(send.ChannelId), send.Text, send.Buttons, send.File, ThreadOf(send.ThreadId), null, ct, send.Formatted);
                if (send.Pin && sent.MessageId is { } pinned)
                {
                    await api.SendAsync("pinChatMessage", ChatId(send.ChannelId), (c, t) => c.PinChatMessage(ChatId(send.ChannelId), MessageOf(pinned)!.Value, disableNotification: true, cancellationToken: t), ct);
                }

                return sent;
            case EditMessage edit:
                return await EditAsync(edit, ct);
            case DeleteMessage delete:
                return await DeleteAsync(delete, ct);
            case DeleteMessages purge:
                // Up to 100 per call; messages the bot may no longer delete (older than 48 hours) are skipped by Telegram.
                foreach (var batch in purge.MessageIds.Select(id => MessageOf(id)!.Value).Chunk(100))
                {
                    await api.CallAsync("deleteMessages", (c, t) => c.DeleteMessages(ChatId(purge.ChannelId), batch, cancellationToken: t), ct);
                }

                return ActionResult.Ok;
            case TimeoutMember timeout:
                // Telegram treats a restriction shorter than 30 s or longer than 366 days as permanent; the domain caps durations well inside.
                return await InMemberChatsAsync(timeout.Community, g => api.CallAsync("restrictChatMember", (c, t) => c.RestrictChatMember(
                    g, UserId(timeout.User), Hold(false), untilDate: timeout.Until.UtcDateTime, cancellationToken: t), ct), ct);
            case RemoveTimeout lift:
                return await InMemberChatsAsync(lift.Community, g => api.CallAsync("restrictChatMember", (c, t) => c.RestrictChatMember(
                    g, UserId(lift.User), Hold(true), cancellationToken: t), ct), ct);
            case KickMember kick:
                // Telegram has no kick: a ban lifted at once removes the member and lets them come back by link.
                return await InMemberChatsAsync(kick.Community, async g =>
                {
                    await api.CallAsync("banChatMember", (c, t) => c.BanChatMember(g, UserId(kick.User), cancellationToken: t), ct);
                    await api.CallAsync("unbanChatMember", (c, t) => c.UnbanChatMember(g, UserId(kick.User), onlyIfBanned: true, cancellationToken: t), ct);
                }, ct);
            case BanMember ban:
                return await InMemberChatsAsync(ban.Community, g => api.CallAsync("banChatMember", (c, t) => c.BanChatMember(
                    g, UserId(ban.User), revokeMessages: ban.DeleteMessageSeconds > 0, cancellationToken: t), ct), ct);
            case UnbanMember unban:
                return await InMemberChatsAsync(unban.Community, g => api.CallAsync("unbanChatMember", (c, t) => c.UnbanChatMember(
                    g, UserId(unban.User), onlyIfBanned: true, cancellationToken: t), ct), ct);
            case GrantRole grant:
                return await RoleAsync(chat, grant.Community, grant.User, grant.Role, grant.Reason, granted: true, ct);
            case RevokeRole revoke:
                return await RoleAsync(chat, revoke.Community, revoke.User, revoke.Role, revoke.Reason, granted: false, ct);
            case PostToStaff post:
                return await PostToStaffAsync(post, ct);
            case OpenStaffThread open:
                return await OpenStaffThreadAsync(open, ct);
            case DirectMessage direct:
                return await PostAsync(UserId(direct.User), direct.Text, direct.Buttons, direct.File, null, null, ct);
            case CreateInviteLink invite:
                // Telegram names links with at most 32 characters; the link itself is what joins are attributed by.
                var name = invite.Name.Length <= 32 ? invite.Name : invite.Name[..32];
                var link = await api.CallAsync("createChatInviteLink", (c, t) => c.CreateChatInviteLink(chat, name, cancellationToken: t), ct);
                return new ActionResult(true, action.Community.Id, Value: link.InviteLink);
            case CountMembers count:
                long members = 0;
                foreach (var group in await communities.MemberChatsAsync(count.Community, ct))
                {
                    members += await api.CallAsync("getChatMemberCount", (c, t) => c.GetChatMemberCount(group, t), ct);
                }

                return new ActionResult(true, action.Community.Id, Value: members.ToString(CultureInfo.InvariantCulture));
            case RestrictNewMembers:
                // Telegram has no server-wide gate: moderation holds each newcomer and greets them with its check instead.
                return ActionResult.Ok;
            default:
                return ActionResult.Failed($"{action.GetType().Name} is not a Telegram action.");
        }
    }

    /// <summary>
    /// An answer meant for one member never goes to the group: it is sent to their private chat, or, when they have
    /// never started the bot (Telegram then refuses), held for them and the group gets one line with a start link
    /// that delivers it, replying to their message and saying nothing of what the answer holds.
    /// </summary>
    private async Task<ActionResult> PrivatelyAsync(Reply reply, UserRef member, CancellationToken ct)
    {
        try
        {
            return await PostAsync(UserId(member), reply.Text, reply.Buttons, reply.File, null, null, ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 403)
        {
            var token = await store.HoldPrivateReplyAsync(member.Id, reply.Text, reply.File, ct);
            var link = $"https://t.me/{me.Username}?start={token}";
            var line = TelegramText.Get(await settings.CultureAsync(reply.Community, ct), "PrivateReplyWaiting", link);
            await PostAsync(ChatId(reply.ChannelId), line, null, null, ThreadOf(reply.ThreadId), MessageOf(reply.ReplyToMessageId), ct);
            return new ActionResult(true, reply.ChannelId, Value: token);
        }
    }

    /// <summary>A moderation action applies in each of the community's member groups.</summary>
    private async Task<ActionResult> InMemberChatsAsync(CommunityRef community, Func<long, Task> act, CancellationToken ct)
    {
        foreach (var group in await communities.MemberChatsAsync(community, ct))
        {
            await act(group);
        }

        return ActionResult.Ok;
    }

    /// <summary>All false keeps a member to reading; all true lifts every restriction (the group's defaults still apply).</summary>
    public static ChatPermissions Hold(bool allowed) => new()
    {
        CanSendMessages = allowed,
        CanSendAudios = allowed,
        CanSendDocuments = allowed,
        CanSendPhotos = allowed,
        CanSendVideos = allowed,
        CanSendVideoNotes = allowed,
        CanSendVoiceNotes = allowed,
        CanSendPolls = allowed,
        CanSendOtherMessages = allowed,
        CanAddWebPagePreviews = allowed,
        CanInviteUsers = allowed,
        CanChangeInfo = allowed,
        CanPinMessages = allowed,
        CanManageTopics = allowed,
    };

    private async Task<ActionResult> PostAsync(
        long chat, string text, IReadOnlyList<Button>? buttons, Attachment? file, int? thread, int? replyTo, CancellationToken ct, bool formatted = false)
    {
        var chunks = TelegramFormatting.Chunks(text, formatted);
        if (chunks.Count == 0 && file is null)
        {
            return ActionResult.Failed("Nothing to send: the text is empty and there is no file.");
        }

        int? first = null;
        for (var i = 0; i < chunks.Count; i++)
        {
            // Buttons go under the last piece, where the reader ends up.
            var keyboard = i == chunks.Count - 1 && file is null ? TelegramFormatting.Keyboard(buttons) : null;
            var reply = i == 0 && replyTo is { } target ? new ReplyParameters { MessageId = target, AllowSendingWithoutReply = true } : null;
            var piece = chunks[i];
            var message = await api.SendAsync("sendMessage", chat, (c, t) => c.SendMessage(
                chat, piece, ParseMode.Html, reply, keyboard, messageThreadId: thread, cancellationToken: t), ct);
            first ??= message.Id;
        }

        if (file is not null)
        {
            using var content = new MemoryStream(file.Content, writable: false);
            var keyboard = TelegramFormatting.Keyboard(buttons);
            var document = await api.SendAsync("sendDocument", chat, (c, t) =>
            {
                content.Position = 0;
                return c.SendDocument(chat, InputFile.FromStream(content, file.FileName), replyMarkup: keyboard, messageThreadId: thread, cancellationToken: t);
            }, ct);
            first ??= document.Id;
        }

        return new ActionResult(true, ChatText(chat), first!.Value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>New text (and pin state) for a message; text Telegram already has is not an error, so a pin-only change works.</summary>
    private async Task<ActionResult> EditAsync(EditMessage edit, CancellationToken ct)
    {
        var chat = ChatId(edit.ChannelId);
        var message = MessageOf(edit.MessageId)!.Value;
        var chunk = TelegramFormatting.Chunks(edit.Text, edit.Formatted).FirstOrDefault() ?? "…";
        try
        {
            await api.SendAsync("editMessageText", chat, (c, t) => c.EditMessageText(
                chat, message, chunk, ParseMode.Html, replyMarkup: TelegramFormatting.Keyboard(edit.Buttons), cancellationToken: t), ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            // Same text as before: nothing to change.
        }

        switch (edit.Pin)
        {
            case true:
                await api.SendAsync("pinChatMessage", chat, (c, t) => c.PinChatMessage(chat, message, disableNotification: true, cancellationToken: t), ct);
                break;
            case false:
                await api.SendAsync("unpinChatMessage", chat, (c, t) => c.UnpinChatMessage(chat, message, cancellationToken: t), ct);
                break;
        }

        return new ActionResult(true, edit.ChannelId, edit.MessageId);
    }

    /// <summary>
    /// An ephemeral answer to a button press is the press's own notice, seen only by the member who pressed.
    /// False when Telegram no longer takes it (the press is too old): the reply is then sent as a message.
    /// </summary>
    private async Task<bool> NoticeAsync(string callbackId, string text, CancellationToken ct)
    {
        try
        {
            await api.CallAsync("answerCallbackQuery", (c, t) => c.AnswerCallbackQuery(callbackId, text, showAlert: true, cancellationToken: t), ct);
            return true;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            return false;
        }
    }

    private async Task<ActionResult> DeleteAsync(DeleteMessage delete, CancellationToken ct)
    {
        try
        {
            await api.CallAsync("deleteMessage", (c, t) => c.DeleteMessage(ChatId(delete.ChannelId), MessageOf(delete.MessageId)!.Value, cancellationToken: t), ct);
            return ActionResult.Ok;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Bots may delete others' messages only for 48 hours; an old or already deleted message is not an error worth retrying.
            LogNotDeleted(delete.ChannelId, delete.MessageId, redactor.Redact(e.Message));
            return ActionResult.Failed("The message could not be deleted: it is older than 48 hours or already gone.");
        }
    }

    private async Task<ActionResult> RoleAsync(long chat, CommunityRef community, UserRef user, string role, string reason, bool granted, CancellationToken ct)
    {
        var changed = granted
            ? await store.GrantRoleAsync(community.ToString(), user.Id, role, reason, ct)
            : await store.RevokeRoleAsync(community.ToString(), user.Id, role, ct);
        if (!changed)
        {
            return ActionResult.Ok;
        }

        var name = user.Id;
        try
        {
            var member = await api.CallAsync("getChatMember", (c, t) => c.GetChatMember(chat, UserId(user), cancellationToken: t), ct);
            name = member.User.FirstName;
        }
        catch (ApiRequestException)
        {
            // The announcement still goes out, naming the member by id.
        }

        var mention = $"<a href=\"tg://user?id={user.Id}\">{TelegramFormatting.Escape(name)}</a>";
        var text = TelegramText.Get(await settings.CultureAsync(community, ct), granted ? "RoleGranted" : "RoleRevoked", mention, TelegramFormatting.Escape(role));
        var message = await api.SendAsync("sendMessage", chat, (c, t) => c.SendMessage(chat, text, ParseMode.Html, cancellationToken: t), ct);
        return new ActionResult(true, ChatText(chat), message.Id.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<ActionResult> PostToStaffAsync(PostToStaff post, CancellationToken ct)
    {
        if (await settings.StaffChatAsync(post.Community, ct) is not { } staff)
        {
            return NoStaffChat(post);
        }

        var thread = post.ThreadId is null ? null : MessageOf(post.ThreadId);
        return await IsForumAsync(staff, ct)
            ? await PostAsync(staff, post.Text, post.Buttons, post.File, thread, null, ct)
            : await PostAsync(staff, post.Text, post.Buttons, post.File, null, thread, ct);
    }

    /// <summary>A forum topic when the staff chat is a forum, otherwise a first message that later posts reply to.</summary>
    private async Task<ActionResult> OpenStaffThreadAsync(OpenStaffThread open, CancellationToken ct)
    {
        if (await settings.StaffChatAsync(open.Community, ct) is not { } staff)
        {
            return NoStaffChat(open);
        }

        if (await IsForumAsync(staff, ct))
        {
            var title = open.Title.Length <= 128 ? open.Title : open.Title[..128];
            var topic = await api.SendAsync("createForumTopic", staff, (c, t) => c.CreateForumTopic(staff, title, cancellationToken: t), ct);
            var first = await PostAsync(staff, open.Text, null, null, topic.MessageThreadId, null, ct);
            var id = topic.MessageThreadId.ToString(CultureInfo.InvariantCulture);
            return new ActionResult(true, id, first.MessageId, id);
        }

        var root = await PostAsync(staff, $"{open.Title}\n\n{open.Text}", null, null, null, null, ct);
        return new ActionResult(true, root.MessageId, root.MessageId, root.MessageId);
    }

    private async Task<bool> IsForumAsync(long chat, CancellationToken ct)
    {
        if (!_isForum.TryGetValue(chat, out var isForum))
        {
            var info = await api.CallAsync("getChat", (c, t) => c.GetChat(chat, t), ct);
            isForum = _isForum[chat] = info.IsForum;
        }

        return isForum;
    }

    private ActionResult NoStaffChat(BotAction action)
    {
        LogNoStaffChat(action.GetType().Name, action.Community.ToString());
        return ActionResult.Failed("No staff chat: use /staff channel or set Telegram:StaffChatId.");
    }

    private static long ChatId(string id) => long.Parse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static long UserId(UserRef user) => ChatId(user.Id);

    private static string ChatText(long chat) => chat.ToString(CultureInfo.InvariantCulture);

    private static int? MessageOf(string? id) => id is null ? null : int.Parse(id, CultureInfo.InvariantCulture);

    private static int? ThreadOf(string? id) => MessageOf(id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused {Action} in {Community} ({ErrorCode}): {Reason}")]
    private partial void LogRefused(string action, string community, int errorCode, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} in chat {ChatId} was not deleted: Telegram lets bots delete messages only within 48 hours ({Reason})")]
    private partial void LogNotDeleted(string chatId, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Action} for {Community} was not sent: no staff chat (/staff channel, or Telegram:StaffChatId)")]
    private partial void LogNoStaffChat(string action, string community);
}

/// <summary>Telegram could not be reached (or kept answering 429); the action should be tried again.</summary>
public sealed class TelegramUnavailableException(string message) : Exception(message);
