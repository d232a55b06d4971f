using System.Text.Json.Nodes;
using Bot.IntegrationTests.Support;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>Published rules pinned in the group and the newcomer's welcome button, over the Bot API with the real client.</summary>
public sealed class TelegramJourneyTests : IAsyncLifetime
{
    private static readonly JsonObject Owner = User(7, "Olga");
    private static readonly JsonObject Bob = User(8, "Bob");
    private static readonly JsonObject Carol = User(9, "Carol");
    private FakeBotApi _api = null!;
    private TelegramBotRun _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.SetAdmins(Group, (7, "creator"));
        _bot = await TelegramBotRun.StartAsync(_api, await PostgresFixture.CreateDatabaseAsync());
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Rules_set_in_the_group_are_posted_and_pinned_and_a_new_version_edits_the_pinned_message()
    {
        _api.Enqueue(MessageUpdate(10, Message(100, Group, Owner, "/rules set Be kind.\nNo spam.")));
        var pin = Assert.Single(await _api.WaitForAsync("pinChatMessage"));
        var posted = _api.CallsTo("sendMessage").Single(c => c.Text("text")!.Contains("Community rules (version 1)", StringComparison.Ordinal));
        // The posted message's id is saved with the rules as the send's result: a new version set after that edits it.
        var postedId = _api.Sent.Single(m => m.Text.Contains("Community rules (version 1)", StringComparison.Ordinal)).MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.ActionCompleted>(c => c.MessageId == postedId);
        await Task.Delay(300);

        _api.Enqueue(MessageUpdate(11, Message(101, Group, Owner, "/rules set Be kind.\nNo spam.\nNo ads.")));
        var edit = Assert.Single(await _api.WaitForAsync("editMessageText"));
        var pins = await _api.WaitForAsync("pinChatMessage", count: 2);
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal(Group, posted.Number("chat_id"));
        Assert.Contains("Be kind.\nNo spam.", posted.Text("text"), StringComparison.Ordinal);
        Assert.Equal(Group, pin.Number("chat_id"));
        Assert.Equal("true", pin.Parameters["disable_notification"]!.ToJsonString());
        var messageId = pin.Number("message_id");
        Assert.NotNull(messageId);
        Assert.Equal(messageId, edit.Number("message_id"));
        Assert.Contains("Community rules (version 2)", edit.Text("text"), StringComparison.Ordinal);
        Assert.Contains("No ads.", edit.Text("text"), StringComparison.Ordinal);
        Assert.Equal(messageId, pins[1].Number("message_id"));
    }

    [Fact]
    public async Task A_newcomer_is_welcomed_with_the_rules_and_only_their_own_button_verifies_them()
    {
        _api.Enqueue(
            MessageUpdate(20, Message(200, Group, Owner, "/rules set Be kind.")),
            MessageUpdate(21, Message(201, Group, Owner, "/welcome set Hi {name}, welcome to {community}!")),
            MessageUpdate(22, Message(202, Group, Owner, "/verify on")));
        await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains("Verification is on", StringComparison.Ordinal));

        _api.Enqueue(ChatMemberUpdate(23, Group, Bob, "left", "member"));
        var welcome = Assert.Single(await _api.WaitForAsync("sendMessage", c => c.Text("text")!.StartsWith("Hi Bob", StringComparison.Ordinal)));
        var button = welcome.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!;
        var welcomeMessage = Message(1001, Group, User(BotId, "Bot"), welcome.Text("text")!);

        _api.Enqueue(MessageUpdate(24, Message(203, Group, Bob, "hello before agreeing")));
        var deleted = Assert.Single(await _api.WaitForAsync("deleteMessage"));
        _api.Enqueue(CallbackUpdate(25, Carol, welcomeMessage, button["callback_data"]!.GetValue<string>()));
        var refused = Assert.Single(await _api.WaitForAsync("answerCallbackQuery"));
        _api.Enqueue(CallbackUpdate(26, Bob, welcomeMessage, button["callback_data"]!.GetValue<string>()));
        var answers = await _api.WaitForAsync("answerCallbackQuery", count: 2);
        _api.Enqueue(MessageUpdate(27, Message(204, Group, Bob, "hello after agreeing")));
        await _bot.Seen.WaitForAsync<Bot.Domain.Events.MessagePosted>(m => m.MessageId == "204");
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal(Group, welcome.Number("chat_id"));
        Assert.Equal("Hi Bob, welcome to Community!", welcome.Text("text")!.Split('\n')[0]);
        Assert.Contains("Community rules (version 1)\nBe kind.", welcome.Text("text"), StringComparison.Ordinal);
        Assert.Equal("I agree", button["text"]!.GetValue<string>());
        Assert.Equal("verify:agree:8", button["callback_data"]!.GetValue<string>());
        Assert.Equal(203, deleted.Number("message_id"));
        Assert.Equal("cb25", refused.Text("callback_query_id"));
        Assert.Contains("for the member it welcomes", refused.Text("text"), StringComparison.Ordinal);
        Assert.Equal("cb26", answers[1].Text("callback_query_id"));
        Assert.Contains("You can post now", answers[1].Text("text"), StringComparison.Ordinal);
        Assert.Single(_api.CallsTo("deleteMessage"));
        Assert.Empty(_api.CallsTo("banChatMember"));
    }
}
