using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>Updates as Telegram sends them (JSON), for the fake server and for translator tests.</summary>
public static class TelegramJson
{
    public const long Group = -1001234;
    public const long BotId = 42;
    public const string BotUsername = "community_bot";

    public static readonly long Epoch = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public static JsonObject User(long id, string firstName, string? username = null)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = firstName };
        if (username is not null)
        {
            user["username"] = username;
        }

        return user;
    }

    public static JsonObject Chat(long id) => id < 0
        ? new JsonObject { ["id"] = id, ["type"] = "supergroup", ["title"] = "Community" }
        : new JsonObject { ["id"] = id, ["type"] = "private", ["first_name"] = "Someone" };

    public static JsonObject Message(int messageId, long chat, JsonObject from, string text, JsonArray? entities = null, JsonObject? replyTo = null)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = Epoch,
            ["chat"] = Chat(chat),
            ["from"] = from.DeepClone(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            var end = text.IndexOf(' ', StringComparison.Ordinal);
            entities ??= [];
            entities.Insert(0, new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? text.Length : end });
        }

        if (entities is not null)
        {
            message["entities"] = entities;
        }

        if (replyTo is not null)
        {
            message["reply_to_message"] = replyTo.DeepClone();
        }

        return message;
    }

    /// <summary>A document message whose caption may be a command (the command's file is the document).</summary>
    public static JsonObject Document(int messageId, long chat, JsonObject from, string fileId, string fileName, long size, string? caption = null)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = Epoch,
            ["chat"] = Chat(chat),
            ["from"] = from.DeepClone(),
            ["document"] = new JsonObject
            {
                ["file_id"] = fileId, ["file_unique_id"] = "u-" + fileId, ["file_name"] = fileName, ["mime_type"] = "text/csv", ["file_size"] = size,
            },
        };
        if (caption is not null)
        {
            message["caption"] = caption;
            if (caption.StartsWith('/'))
            {
                var end = caption.IndexOf(' ', StringComparison.Ordinal);
                message["caption_entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = end < 0 ? caption.Length : end });
            }
        }

        return message;
    }

    public static JsonObject TextMention(int offset, int length, JsonObject user) =>
        new() { ["type"] = "text_mention", ["offset"] = offset, ["length"] = length, ["user"] = user.DeepClone() };

    public static JsonObject MessageUpdate(int updateId, JsonObject message) => new() { ["update_id"] = updateId, ["message"] = message };

    public static JsonObject Member(string status, JsonObject user) => new() { ["status"] = status, ["user"] = user.DeepClone() };

    public static JsonObject ChatMemberUpdate(int updateId, long chat, JsonObject user, string oldStatus, string newStatus, string? inviteLink = null)
    {
        var change = new JsonObject
        {
            ["chat"] = Chat(chat),
            ["from"] = user.DeepClone(),
            ["date"] = Epoch,
            ["old_chat_member"] = Member(oldStatus, (JsonObject)user.DeepClone()),
            ["new_chat_member"] = Member(newStatus, (JsonObject)user.DeepClone()),
        };
        if (inviteLink is not null)
        {
            change["invite_link"] = new JsonObject
            {
                ["invite_link"] = inviteLink,
                ["creator"] = User(BotId, "Bot", BotUsername),
                ["creates_join_request"] = false,
                ["is_primary"] = false,
                ["is_revoked"] = false,
            };
        }

        return new JsonObject { ["update_id"] = updateId, ["chat_member"] = change };
    }

    public static JsonObject CallbackUpdate(int updateId, JsonObject from, JsonObject message, string data) => new()
    {
        ["update_id"] = updateId,
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cb" + updateId.ToString(CultureInfo.InvariantCulture),
            ["from"] = from.DeepClone(),
            ["message"] = message.DeepClone(),
            ["chat_instance"] = "ci",
            ["data"] = data,
        },
    };

    public static Update Parse(JsonObject update) => JsonSerializer.Deserialize<Update>(update.ToJsonString(), JsonBotAPI.Options)!;
}
