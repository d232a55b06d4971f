using System.Globalization;
using System.Text;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Bot.Adapters.Telegram;

/// <summary>A group's administrators as Telegram lists them: the staff, and the owner (creator) among them.</summary>
public sealed record TelegramAdmins(IReadOnlySet<long> AdminIds, long? OwnerId)
{
    public static readonly TelegramAdmins None = new(new HashSet<long>(), null);
}

/// <summary>
/// Translates one Telegram update into domain events, without I/O: the caller looks up the community's
/// administrators first. Ids are <c>tg:&lt;update_id&gt;</c>, with <c>:&lt;n&gt;</c> when one update gives several events.
/// </summary>
public static class UpdateTranslator
{
    public static string CommunityId(long chatId) => chatId.ToString(CultureInfo.InvariantCulture);

    public static CommunityRef Community(long chatId) => new(Platform.Telegram, CommunityId(chatId));

    public static UserRef User(long userId) => new(Platform.Telegram, userId.ToString(CultureInfo.InvariantCulture));

    public static bool IsGroup(Chat chat) => chat.Type is ChatType.Group or ChatType.Supergroup;

    /// <summary>The chat an update happened in, if it has one.</summary>
    public static Chat? ChatOf(Update update) =>
        update.Message?.Chat ?? update.EditedMessage?.Chat ?? update.ChatMember?.Chat ?? update.MyChatMember?.Chat
        ?? update.CallbackQuery?.Message?.Chat ?? update.MessageReaction?.Chat;

    /// <summary>
    /// The update's events, in the community named by <paramref name="communityChat"/> (the chat the community is named
    /// after, which may not be the chat of the update: a linked group or the staff group). Joins and leaves of a staff
    /// chat (<paramref name="role"/>) are not the community's members coming and going, so they give no events.
    /// </summary>
    public static IReadOnlyList<ChatEvent> Translate(Update update, string botUsername, long communityChat, TelegramAdmins admins, ChatRole? role = null)
    {
        var events = new List<ChatEvent>();
        var community = Community(communityChat);
        if (update.Message is { } message)
        {
            AddMessage(events, message, botUsername, community, admins);
        }
        else if (update.EditedMessage is { From: { } editor } edited)
        {
            events.Add(new MessageEdited(
                string.Empty, community, Time(edited.EditDate ?? edited.Date), ChatIdOf(edited), MessageIdOf(edited),
                MemberOf(editor, edited, admins), edited.Text ?? edited.Caption ?? string.Empty));
        }
        else if (update.ChatMember is { } change && role != ChatRole.Staff)
        {
            AddMembership(events, change, community, admins);
        }
        else if (update.CallbackQuery is { Data: { } data, Message: { } pressed } callback)
        {
            events.Add(new ButtonPressed(
                string.Empty, community, Time(pressed.Date), ChatIdOf(pressed), MessageIdOf(pressed),
                MemberOf(callback.From, null, admins), data, callback.Id));
        }
        else if (update.MessageReaction is { User: { } reactor } reaction)
        {
            var before = reaction.OldReaction.OfType<ReactionTypeEmoji>().Select(r => r.Emoji).ToHashSet(StringComparer.Ordinal);
            foreach (var emoji in reaction.NewReaction.OfType<ReactionTypeEmoji>().Where(r => !before.Contains(r.Emoji)))
            {
                events.Add(new ReactionAdded(
                    string.Empty, community, Time(reaction.Date), CommunityId(reaction.Chat.Id),
                    reaction.MessageId.ToString(CultureInfo.InvariantCulture), User(reactor.Id), emoji.Emoji));
            }
        }

        var baseId = "tg:" + update.Id.ToString(CultureInfo.InvariantCulture);
        return events.Count == 1
            ? [events[0] with { EventId = baseId }]
            : [.. events.Select((e, i) => e with { EventId = $"{baseId}:{i + 1}" })];
    }

    private static void AddMessage(List<ChatEvent> events, Message message, string botUsername, CommunityRef community, TelegramAdmins admins)
    {
        // Joins and leaves come from chat_member updates (with the invite link); their service messages would count twice.
        if (message.From is not { } from || message.NewChatMembers is not null || message.LeftChatMember is not null)
        {
            return;
        }

        var isDirect = message.Chat.Type == ChatType.Private;
        var author = MemberOf(from, message, admins);
        var text = message.Text ?? message.Caption ?? string.Empty;
        var entities = (message.Text is not null ? message.Entities : message.CaptionEntities) ?? [];
        var threadId = message.IsTopicMessage ? message.MessageThreadId?.ToString(CultureInfo.InvariantCulture) : null;
        var mentions = entities.Where(e => e is { Type: MessageEntityType.TextMention, User: not null }).Select(e => User(e.User!.Id)).Distinct().ToList();

        // In a forum every message "replies" to its topic's first message; that is not a reply to a person.
        var replied = message.ReplyToMessage is { ForumTopicCreated: null } r ? r : null;
        var replyToUser = replied?.From is { } target ? User(target.Id) : (UserRef?)null;

        // A command is a text message, or a document's caption (the file is the command's attachment).
        if ((message.Text is not null || message.Document is not null) && entities.FirstOrDefault() is { Type: MessageEntityType.BotCommand, Offset: 0 } command)
        {
            var token = text.Substring(1, command.Length - 1);
            var at = token.IndexOf('@', StringComparison.Ordinal);
            var addressee = at < 0 ? null : token[(at + 1)..];
            if (addressee is null || addressee.Equals(botUsername, StringComparison.OrdinalIgnoreCase))
            {
                var name = (at < 0 ? token : token[..at]).ToLowerInvariant();
                events.Add(new CommandInvoked(
                    string.Empty, community, Time(message.Date), ChatIdOf(message), author, name,
                    RewriteMentions(text, entities, command.Length).Trim(), MessageIdOf(message), null, isDirect, threadId,
                    replyToUser, mentions.Count > 0 ? mentions : null, ReplyToMessageId: replied is null ? null : MessageIdOf(replied)));
                return;
            }

            // A command for another bot is, for us, an ordinary message (moderation still sees it).
        }

        events.Add(new MessagePosted(
            string.Empty, community, Time(message.Date), ChatIdOf(message), MessageIdOf(message), author,
            RewriteMentions(text, entities, 0), replied is null ? null : MessageIdOf(replied), replyToUser,
            mentions.Count > 0 ? mentions : null, isDirect, threadId));
    }

    private static void AddMembership(List<ChatEvent> events, ChatMemberUpdated change, CommunityRef community, TelegramAdmins admins)
    {
        var user = change.NewChatMember.User;
        var wasIn = IsIn(change.OldChatMember);
        var isIn = IsIn(change.NewChatMember);
        if (!wasIn && isIn)
        {
            var link = change.InviteLink?.InviteLink;
            events.Add(new MemberJoined(
                string.Empty, community, Time(change.Date), MemberOf(user, null, admins), link, InviteCertain: link is not null,
                ChannelId: CommunityId(change.Chat.Id), CommunityName: change.Chat.Title));
        }
        else if (wasIn && !isIn)
        {
            events.Add(new MemberLeft(string.Empty, community, Time(change.Date), User(user.Id)));
        }
    }

    /// <summary>Whether a member counts as in the group: restricted members may still be in it.</summary>
    public static bool IsIn(ChatMember member) => member switch
    {
        ChatMemberRestricted restricted => restricted.IsMember,
        _ => member.Status is ChatMemberStatus.Member or ChatMemberStatus.Administrator or ChatMemberStatus.Creator,
    };

    /// <summary>
    /// The text after <paramref name="start"/>, with each mention of a user who has no username rewritten to
    /// <c>tg://user?id=N</c> so the command parser can resolve it. Offsets are UTF-16 units, as C# strings are.
    /// </summary>
    public static string RewriteMentions(string text, IReadOnlyList<MessageEntity> entities, int start)
    {
        var result = new StringBuilder();
        var position = start;
        foreach (var entity in entities.Where(e => e is { Type: MessageEntityType.TextMention, User: not null } && e.Offset >= start).OrderBy(e => e.Offset))
        {
            if (entity.Offset < position || entity.Offset + entity.Length > text.Length)
            {
                continue;
            }

            result.Append(text, position, entity.Offset - position).Append("tg://user?id=").Append(entity.User!.Id.ToString(CultureInfo.InvariantCulture));
            position = entity.Offset + entity.Length;
        }

        return result.Append(text, position, text.Length - position).ToString();
    }

    public static Member MemberOf(User user, Message? message, TelegramAdmins admins)
    {
        // An anonymous administrator posts as the group itself.
        var anonymousAdmin = message?.SenderChat is { } sender && sender.Id == message.Chat.Id;
        var name = string.IsNullOrWhiteSpace(user.LastName) ? user.FirstName : $"{user.FirstName} {user.LastName}";
        return new Member(
            User(user.Id), name, user.Username,
            IsPlatformAdmin: anonymousAdmin || admins.AdminIds.Contains(user.Id),
            IsPlatformOwner: admins.OwnerId == user.Id);
    }

    private static string ChatIdOf(Message message) => CommunityId(message.Chat.Id);

    private static string MessageIdOf(Message message) => message.Id.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
