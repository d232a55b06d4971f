using System.Text.Json.Nodes;
using Bot.Adapters.Telegram;
using Bot.Domain.Events;
using Bot.Domain.Model;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

public sealed class UpdateTranslatorTests
{
    private static readonly JsonObject Alice = User(7, "Alice", "alice");
    private static readonly JsonObject Bob = User(8, "Bob");
    private static readonly TelegramAdmins AliceIsOwner = new(new HashSet<long> { 7 }, 7);

    private static IReadOnlyList<ChatEvent> Translate(JsonObject update, TelegramAdmins? admins = null, long community = Group) =>
        UpdateTranslator.Translate(Parse(update), BotUsername, community, admins ?? TelegramAdmins.None);

    [Fact]
    public void A_group_message_becomes_MessagePosted_with_the_update_id()
    {
        var posted = Assert.IsType<MessagePosted>(Assert.Single(Translate(MessageUpdate(100, Message(5, Group, Alice, "hello")))));

        Assert.Equal("tg:100", posted.EventId);
        Assert.Equal(new CommunityRef(Platform.Telegram, "-1001234"), posted.Community);
        Assert.Equal("-1001234", posted.ChannelId);
        Assert.Equal("5", posted.MessageId);
        Assert.Equal("hello", posted.Text);
        Assert.Equal("alice", posted.Author.Username);
        Assert.False(posted.IsDirect);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Epoch), posted.At);
    }

    [Fact]
    public void Administrators_and_the_creator_are_marked_from_the_admin_list()
    {
        var byOwner = Assert.IsType<MessagePosted>(Assert.Single(Translate(MessageUpdate(1, Message(5, Group, Alice, "hi")), AliceIsOwner)));
        var byMember = Assert.IsType<MessagePosted>(Assert.Single(Translate(MessageUpdate(2, Message(6, Group, Bob, "hi")), AliceIsOwner)));

        Assert.True(byOwner.Author.IsPlatformAdmin);
        Assert.True(byOwner.Author.IsPlatformOwner);
        Assert.False(byMember.Author.IsPlatformAdmin);
        Assert.False(byMember.Author.IsPlatformOwner);
    }

    [Fact]
    public void A_command_addressed_to_the_bot_becomes_CommandInvoked_with_its_arguments()
    {
        var command = Assert.IsType<CommandInvoked>(Assert.Single(Translate(MessageUpdate(3, Message(9, Group, Alice, "/Warn@Community_Bot @bob spamming")))));

        Assert.Equal("warn", command.Name);
        Assert.Equal("@bob spamming", command.Arguments);
        Assert.Equal("9", command.MessageId);
    }

    [Fact]
    public void A_command_for_another_bot_is_an_ordinary_message()
    {
        var events = Translate(MessageUpdate(4, Message(9, Group, Alice, "/warn@other_bot @bob")));

        var posted = Assert.IsType<MessagePosted>(Assert.Single(events));
        Assert.Equal("/warn@other_bot @bob", posted.Text);
    }

    [Fact]
    public void A_mention_of_a_user_without_username_is_rewritten_to_a_tg_link_in_command_arguments()
    {
        // "/ban Bob flood": Bob (no username) is a text_mention at offset 5.
        var update = MessageUpdate(5, Message(9, Group, Alice, "/ban Bob flood", [TextMention(5, 3, Bob)]));

        var command = Assert.IsType<CommandInvoked>(Assert.Single(Translate(update)));

        Assert.Equal("tg://user?id=8 flood", command.Arguments);
        Assert.Equal([new UserRef(Platform.Telegram, "8")], command.Mentions);
    }

    [Fact]
    public void A_reply_names_the_author_of_the_message_replied_to()
    {
        var update = MessageUpdate(6, Message(10, Group, Alice, "/warn spam", replyTo: Message(3, Group, Bob, "buy now")));

        var command = Assert.IsType<CommandInvoked>(Assert.Single(Translate(update)));

        Assert.Equal(new UserRef(Platform.Telegram, "8"), command.ReplyToUser);
        Assert.Equal("3", command.ReplyToMessageId); // what /spam deletes and learns from
    }

    [Fact]
    public void A_private_message_is_direct_and_belongs_to_the_given_community()
    {
        var posted = Assert.IsType<MessagePosted>(Assert.Single(Translate(MessageUpdate(7, Message(1, 7, Alice, "help me")))));

        Assert.True(posted.IsDirect);
        Assert.Equal("-1001234", posted.Community.Id);
        Assert.Equal("7", posted.ChannelId);
    }

    [Fact]
    public void A_join_by_link_carries_the_link_and_a_leave_becomes_MemberLeft()
    {
        var joined = Assert.IsType<MemberJoined>(Assert.Single(Translate(ChatMemberUpdate(8, Group, Bob, "left", "member", "https://t.me/+abc"))));
        var left = Assert.IsType<MemberLeft>(Assert.Single(Translate(ChatMemberUpdate(9, Group, Bob, "member", "left"))));

        Assert.Equal("https://t.me/+abc", joined.InviteCode);
        Assert.True(joined.InviteCertain);
        Assert.Equal("8", left.User.Id);
    }

    [Fact]
    public void A_promotion_is_neither_a_join_nor_a_leave()
    {
        Assert.Empty(Translate(ChatMemberUpdate(10, Group, Bob, "member", "administrator")));
    }

    [Fact]
    public void A_button_press_becomes_ButtonPressed_even_the_raid_check_which_moderation_answers()
    {
        var pressed = Assert.IsType<ButtonPressed>(Assert.Single(Translate(CallbackUpdate(11, Bob, Message(20, Group, User(42, "Bot"), "Q?"), "faq:up:12"))));

        Assert.Equal("faq:up:12", pressed.Data);
        Assert.Equal("20", pressed.MessageId);
        Assert.Equal("cb11", pressed.InteractionId);
        Assert.Equal("moderation:verify:8", Assert.IsType<ButtonPressed>(Assert.Single(Translate(CallbackUpdate(12, Bob, Message(21, Group, User(42, "Bot"), "Welcome"), "moderation:verify:8")))).Data);
    }

    [Fact]
    public void Several_events_from_one_update_get_numbered_ids()
    {
        var update = new JsonObject
        {
            ["update_id"] = 13,
            ["message_reaction"] = new JsonObject
            {
                ["chat"] = Chat(Group),
                ["message_id"] = 30,
                ["user"] = Bob.DeepClone(),
                ["date"] = Epoch,
                ["old_reaction"] = new JsonArray(),
                ["new_reaction"] = new JsonArray(
                    new JsonObject { ["type"] = "emoji", ["emoji"] = "👍" },
                    new JsonObject { ["type"] = "emoji", ["emoji"] = "❤" }),
            },
        };

        var events = Translate(update);

        Assert.Equal(["tg:13:1", "tg:13:2"], events.Select(e => e.EventId));
        Assert.Equal(["👍", "❤"], events.Cast<ReactionAdded>().Select(r => r.Emoji));
    }

    [Fact]
    public void Join_service_messages_are_left_to_chat_member_updates()
    {
        var message = Message(40, Group, Bob, "");
        message.Remove("text");
        message["new_chat_members"] = new JsonArray(User(8, "Bob"));

        Assert.Empty(Translate(MessageUpdate(14, message)));
    }
}
