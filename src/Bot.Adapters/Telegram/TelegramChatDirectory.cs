using System.Globalization;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Adapters.Telegram;

/// <summary>
/// The facts of a chat a command names, from Telegram itself: <c>getChat</c> (by id or <c>@username</c>), then
/// <c>getChatMember</c> for the bot and for the caller. Telegram answers only about chats the bot is in, so a
/// chat it cannot see is reported as not found.
/// </summary>
public sealed partial class TelegramChatDirectory(TelegramGateway api, TelegramBotIdentity me, TokenRedactor redactor, ILogger<TelegramChatDirectory> logger)
    : IChatDirectory
{
    public Platform Platform => Platform.Telegram;

    public async Task<ChatFacts> LookUpAsync(CommunityRef community, string chat, UserRef caller, CancellationToken ct)
    {
        ChatId? id = chat.StartsWith('@') && chat.Length > 1 ? new ChatId(chat)
            : long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var numeric) ? new ChatId(numeric)
            : null;
        if (id is null || !long.TryParse(caller.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var callerId))
        {
            return ChatFacts.Unknown(chat);
        }

        try
        {
            var info = await api.CallAsync("getChat", (c, t) => c.GetChat(id, t), ct);
            var chatId = info.Id.ToString(CultureInfo.InvariantCulture);
            var title = info.Title ?? info.Username ?? chatId;
            if (info.Type == ChatType.Private)
            {
                return new ChatFacts(chatId, title, Exists: true, BotPresent: false, CallerAdministers: false, IsPrivate: true);
            }

            var bot = await api.CallAsync("getChatMember", (c, t) => c.GetChatMember(info.Id, me.Id, t), ct);
            var member = await api.CallAsync("getChatMember", (c, t) => c.GetChatMember(info.Id, callerId, t), ct);
            return new ChatFacts(
                chatId, title, Exists: true, BotPresent: UpdateTranslator.IsIn(bot),
                CallerAdministers: member.Status is ChatMemberStatus.Administrator or ChatMemberStatus.Creator);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 400 or 403)
        {
            // "chat not found" or "bot is not a member": either way the bot cannot act there.
            LogNotVisible(chat, e.ErrorCode, redactor.Redact(e.Message));
            return e.ErrorCode == 403
                ? new ChatFacts(chat, chat, Exists: true, BotPresent: false, CallerAdministers: false)
                : ChatFacts.Unknown(chat);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram chat {Chat} named in a command is not visible to the bot ({ErrorCode}: {Reason})")]
    private partial void LogNotVisible(string chat, int errorCode, string reason);
}
