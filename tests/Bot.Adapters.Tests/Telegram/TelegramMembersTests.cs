using System.Text.Json.Nodes;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>What Telegram lacks and the adapter keeps itself: roles, and the new-member check of raid mode.</summary>
public sealed class TelegramMembersTests : IAsyncLifetime
{
    private static readonly CommunityRef Community = new(Platform.Telegram, "-1001234");
    private static readonly JsonObject Bob = User(8, "Bob");
    private static readonly JsonObject Carol = User(9, "Carol");
    private FakeBotApi _api = null!;
    private TelegramBotRun _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.SetAdmins(Group, (7, "creator"));
        // No configured community: private messages belong to the only group the bot is in, when there is one.
        _bot = await TelegramBotRun.StartAsync(_api, await PostgresFixture.CreateDatabaseAsync(), settings: new Dictionary<string, string?>
        {
            ["Telegram:StaffChatId"] = null,
            ["Telegram:CommunityChatId"] = null,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_granted_role_is_recorded_and_announced_once_and_its_revocation_too()
    {
        var bob = new UserRef(Platform.Telegram, "8");

        await _bot.Executor.ExecuteAsync(new GrantRole(Community, bob, "core", "tier reached"), CancellationToken.None);
        await _bot.Executor.ExecuteAsync(new GrantRole(Community, bob, "core", "tier reached"), CancellationToken.None);
        await _bot.Executor.ExecuteAsync(new RevokeRole(Community, bob, "core", "inactive"), CancellationToken.None);

        var announcements = _api.CallsTo("sendMessage").Select(c => c.Text("text")!).ToList();
        Assert.Equal(2, announcements.Count);
        Assert.Contains("<a href=\"tg://user?id=8\">Member</a> now has the role “core”", announcements[0], StringComparison.Ordinal);
        Assert.Contains("no longer has the role “core”", announcements[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_raid_mode_a_newcomer_gets_one_greeting_and_is_restricted_until_they_press_their_own_I_agree_button()
    {
        _api.Enqueue(MessageUpdate(9, Message(3, Group, User(7, "Owner"), "/raid on")));
        await _api.WaitForAsync("sendMessage");
        _api.Enqueue(ChatMemberUpdate(10, Group, Bob, "left", "member"));

        var restricted = Assert.Single(await _api.WaitForAsync("restrictChatMember"));
        var greeting = Assert.Single(await _api.WaitForAsync("sendMessage", c => c.Parameters["reply_markup"] is not null));
        var data = greeting.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();
        var greetingMessage = Message(1001, Group, User(42, "Bot"), greeting.Text("text")!);

        _api.Enqueue(CallbackUpdate(11, Carol, greetingMessage, data));
        var refused = Assert.Single(await _api.WaitForAsync("answerCallbackQuery"));
        _api.Enqueue(CallbackUpdate(12, Bob, greetingMessage, data));
        await _api.WaitForAsync("restrictChatMember", count: 2);
        await _api.WaitForAsync("answerCallbackQuery", count: 2);
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal(8, restricted.Number("user_id"));
        Assert.DoesNotContain("true", restricted.Parameters["permissions"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(restricted.Parameters["until_date"] is not null);
        Assert.Equal("verify:agree:8", data);
        Assert.Contains("raid protection", greeting.Text("text"), StringComparison.Ordinal);
        Assert.Single(_api.CallsTo("sendMessage"), c => c.Parameters["reply_markup"] is not null);
        Assert.Equal("true", refused.Parameters["show_alert"]!.ToJsonString());
        var lifted = _api.CallsTo("restrictChatMember")[1];
        Assert.Equal(8, lifted.Number("user_id"));
        Assert.Equal("true", lifted.Parameters["permissions"]!["can_send_messages"]!.ToJsonString());
        Assert.Equal(2, _api.CallsTo("restrictChatMember").Count);
        Assert.Equal(2, _bot.Seen.All.OfType<Bot.Domain.Events.ButtonPressed>().Count());
    }

    [Fact]
    public async Task A_greeting_posted_by_the_old_raid_check_still_lifts_its_members_restriction()
    {
        var oldGreeting = Message(900, Group, User(42, "Bot"), "Welcome, Bob! This community is under raid protection.");

        _api.Enqueue(CallbackUpdate(12, Bob, oldGreeting, "moderation:verify:8"));
        var lifted = Assert.Single(await _api.WaitForAsync("restrictChatMember"));
        await _api.WaitForAsync("answerCallbackQuery");
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal(8, lifted.Number("user_id"));
        Assert.Equal("true", lifted.Parameters["permissions"]!["can_send_messages"]!.ToJsonString());
    }

    [Fact]
    public async Task An_old_greeting_button_does_not_lift_a_timeout_given_since()
    {
        _api.Enqueue(MessageUpdate(9, Message(3, Group, User(7, "Owner"), "/raid on")));
        await _api.WaitForAsync("sendMessage");
        _api.Enqueue(ChatMemberUpdate(10, Group, Bob, "left", "member"));
        var greeting = Assert.Single(await _api.WaitForAsync("sendMessage", c => c.Parameters["reply_markup"] is not null));
        var data = greeting.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();
        var greetingMessage = Message(1001, Group, User(42, "Bot"), greeting.Text("text")!);

        // Bob never pressed it; the group's creator then times him out for an hour.
        _api.Enqueue(MessageUpdate(11, Message(50, Group, User(7, "creator"), "/timeout 8 1h spamming")));
        await _api.WaitForAsync("restrictChatMember", count: 2);
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.CommandInvoked>(c => c.MessageId == "50");
        _api.Enqueue(CallbackUpdate(12, Bob, greetingMessage, data));
        var answer = await _api.WaitForAsync("answerCallbackQuery", c => c.Parameters["show_alert"] is not null);
        await _api.WaitUntilConfirmedAsync();

        Assert.Contains("cannot lift it", Assert.Single(answer).Text("text"), StringComparison.Ordinal);
        var restrictions = _api.CallsTo("restrictChatMember");
        Assert.Equal(2, restrictions.Count);
        Assert.All(restrictions, r => Assert.DoesNotContain("true", r.Parameters["permissions"]!.ToJsonString(), StringComparison.Ordinal));
        Assert.Empty(_api.CallsTo("deleteMessage"));
    }

    [Fact]
    public async Task Without_raid_mode_a_newcomer_is_not_restricted()
    {
        _api.Enqueue(ChatMemberUpdate(20, Group, Bob, "left", "member"));

        await _bot.Seen.WaitForAsync<Bot.Domain.Events.MemberJoined>();
        await _api.WaitUntilConfirmedAsync();

        Assert.Empty(_api.CallsTo("restrictChatMember"));
    }

    [Fact]
    public async Task A_private_message_belongs_to_the_only_group_the_bot_is_in()
    {
        _api.Enqueue(MessageUpdate(30, Message(3, Group, Bob, "hello group")));
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.MessagePosted>();
        _api.Enqueue(MessageUpdate(31, Message(4, 8, Bob, "hello bot")));

        var direct = await _bot.Seen.WaitForAsync<Bot.Domain.Events.MessagePosted>(m => m.IsDirect);

        Assert.Equal(Community, direct.Community);
        Assert.Equal("8", direct.ChannelId);
    }

    [Fact]
    public async Task With_several_groups_and_none_configured_a_private_message_is_answered_not_guessed()
    {
        _api.Enqueue(MessageUpdate(40, Message(3, Group, Bob, "hello group")), MessageUpdate(41, Message(4, -1005555, Bob, "hello other group")));
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.MessagePosted>(m => m.MessageId == "4");
        _api.Enqueue(MessageUpdate(42, Message(5, 8, Bob, "hello bot")));

        var answer = Assert.Single(await _api.WaitForAsync("sendMessage"));
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal(8, answer.Number("chat_id"));
        Assert.Contains("write to me in your community's group first", answer.Text("text"), StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Seen.All, e => e.EventId == "tg:42");
    }

    [Fact]
    public async Task An_ephemeral_answer_to_a_button_press_is_the_presses_own_notice()
    {
        _api.Enqueue(MessageUpdate(50, Message(6, Group, Bob, "/mydata erase")));
        var confirm = Assert.Single(await _api.WaitForAsync("sendMessage"));
        var data = confirm.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>();

        _api.Enqueue(CallbackUpdate(51, Bob, Message(1001, Group, User(42, "Bot"), confirm.Text("text")!), data));
        var notice = Assert.Single(await _api.WaitForAsync("answerCallbackQuery"));
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal("privacy:erase:8", data);
        Assert.Equal("cb51", notice.Text("callback_query_id"));
        Assert.Contains("erased", notice.Text("text"), StringComparison.Ordinal);
        Assert.Equal("true", notice.Parameters["show_alert"]!.ToJsonString());
        Assert.Single(_api.CallsTo("sendMessage"));
        Assert.Single(_api.CallsTo("answerCallbackQuery"));
    }
}
