using System.Text.Json.Nodes;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>The whole bot polling the fake Bot API: updates in, actions out, offsets kept across a restart.</summary>
public sealed class TelegramPollingTests : TelegramBotTests
{
    private static readonly JsonObject Alice = User(7, "Alice", "alice");
    private static readonly JsonObject Bob = User(8, "Bob");
    private static readonly string TokenSecret = FakeBotApi.Token[(FakeBotApi.Token.IndexOf(':', StringComparison.Ordinal) + 1)..];

    [Fact]
    public async Task Spam_is_deleted_the_offset_is_stored_and_no_log_line_holds_the_token()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        Api.Enqueue(MessageUpdate(500, Message(31, Group, Bob, $"hi {TelegramBotRun.SpamWord} now")), MessageUpdate(501, Message(32, Group, Bob, "a fine message")));

        var delete = Assert.Single(await Api.WaitForAsync("deleteMessage"));
        await Api.WaitUntilConfirmedAsync();
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "32");
        await bot.StopAsync();

        Assert.Equal(Group, delete.Number("chat_id"));
        Assert.Equal(31, delete.Number("message_id"));
        Assert.Equal(502, await ScalarAsync<long>("select next_update_id from telegram_offsets where bot_id = 42"));
        Assert.All(Api.Calls, c => Assert.Equal(FakeBotApi.Token, c.Token));
        Assert.Contains("\"chat_member\"", Api.CallsTo("getUpdates")[0].Text("allowed_updates"), StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Connected to Telegram as @community_bot", StringComparison.Ordinal));
        Assert.DoesNotContain(TokenSecret, bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_publishes_member_and_administrator_command_menus()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        await bot.StopAsync();

        var menus = Api.CallsTo("setMyCommands");
        var members = menus.First(c => c.Parameters["scope"]!["type"]!.GetValue<string>() == "default" && c.Parameters["language_code"] is null);
        var admins = menus.First(c => c.Parameters["scope"]!["type"]!.GetValue<string>() == "all_chat_administrators" && c.Parameters["language_code"] is null);
        var memberCommands = members.Parameters["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();
        var adminCommands = admins.Parameters["commands"]!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();
        Assert.Contains("help", memberCommands);
        Assert.DoesNotContain("staff", memberCommands);
        Assert.Contains("staff", adminCommands);
        Assert.Contains(menus, c => c.Parameters["language_code"]?.GetValue<string>() == "zh");
    }

    [Fact]
    public async Task A_staff_command_from_a_member_is_refused_and_from_the_owner_runs()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        Api.Enqueue(MessageUpdate(600, Message(40, Group, Bob, "/staff list")));
        var refusal = Assert.Single(await Api.WaitForAsync("sendMessage"));
        Api.Enqueue(MessageUpdate(601, Message(41, Group, Alice, "/staff@community_bot list")));
        var answer = (await Api.WaitForAsync("sendMessage", count: 2))[1];
        Api.Enqueue(MessageUpdate(602, Message(42, Group, Alice, "/staff@other_bot list")));
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "42");
        await bot.StopAsync();

        Assert.Contains("You may not use /staff list", refusal.Text("text"), StringComparison.Ordinal);
        Assert.Equal(8, refusal.Number("chat_id"));
        Assert.Contains("No staff roles", answer.Text("text"), StringComparison.Ordinal);
        Assert.Equal(2, Api.CallsTo("sendMessage").Count);
        var owner = Assert.Single(bot.Seen.All.OfType<CommandInvoked>(), c => c.MessageId == "41");
        Assert.True(owner.Caller.IsPlatformOwner);
        Assert.Single(Api.CallsTo("getChatAdministrators"));
    }

    [Fact]
    public async Task A_join_through_a_members_invite_link_is_attributed_to_that_member()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        Api.Enqueue(MessageUpdate(700, Message(70, Group, Alice, "/invite")));
        var created = Assert.Single(await Api.WaitForAsync("createChatInviteLink"));
        var answer = Assert.Single(await Api.WaitForAsync("sendMessage"));
        var link = answer.Text("text")!.Split(' ', '\n').Single(w => w.StartsWith("https://t.me/+", StringComparison.Ordinal));

        Api.Enqueue(ChatMemberUpdate(701, Group, Bob, "left", "member", link));
        var joined = await bot.Seen.WaitForAsync<MemberJoined>();
        await Api.WaitUntilConfirmedAsync();
        await bot.StopAsync();

        Assert.Equal("Alice", created.Text("name"));
        Assert.Equal(link, joined.InviteCode);
        Assert.True(joined.InviteCertain);
        Assert.Equal("tg:701", joined.EventId);
        Assert.Equal("7", await ScalarAsync<string>("select inviter_id from invite_joins where user_id = '8'"));
    }

    [Fact]
    public async Task A_restart_mid_stream_neither_repeats_nor_loses_an_action()
    {
        var bot = await TelegramBotRun.StartAsync(Api, Db);
        await using (bot)
        {
            Api.Enqueue(MessageUpdate(800, Message(50, Group, Bob, TelegramBotRun.SpamWord)));
            await Api.WaitForAsync("deleteMessage");
            await Api.WaitUntilConfirmedAsync();

            // The second spam is committed, then the bot dies while Telegram has not answered its delete.
            Api.HoldNext("deleteMessage");
            Api.Enqueue(MessageUpdate(801, Message(51, Group, Bob, TelegramBotRun.SpamWord)));
            await Api.WaitForAsync("deleteMessage", c => c.Held);
            await bot.StopAsync();
        }

        // The stop gave back the lease of the delete it cut short, so the restarted bot takes it at once.
        await using var restarted = await TelegramBotRun.StartAsync(Api, Db);
        Api.Enqueue(MessageUpdate(802, Message(52, Group, Bob, TelegramBotRun.SpamWord)));
        await Api.WaitForAsync("deleteMessage", c => !c.Held && c.Number("message_id") == 52);
        await Api.WaitForAsync("deleteMessage", c => !c.Held && c.Number("message_id") == 51);
        await Api.WaitUntilConfirmedAsync();
        await restarted.StopAsync();

        var done = Api.CallsTo("deleteMessage").Where(c => !c.Held).Select(c => c.Number("message_id")).Order().ToList();
        Assert.Equal([50, 51, 52], done);
        // 801 may have come twice (if the stop beat its offset to the database); it was processed once.
        Assert.Equal(1, await ScalarAsync<long>("select count(*) from processed_events where event_id = 'tg:801'"));
        Assert.Equal(0, await ScalarAsync<long>("select count(*) from outbox where done_at is null"));
    }

    [Fact]
    public async Task A_malformed_update_is_logged_and_skipped_and_the_next_one_is_processed()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        Api.EnqueueRaw(900, """{"update_id":900,"message":{"message_id":"not a number","chat":17}}""");
        Api.Enqueue(MessageUpdate(901, Message(60, Group, Bob, "after the broken one")));

        var posted = await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "60");
        await Api.WaitUntilConfirmedAsync();
        await bot.StopAsync();

        Assert.Equal("tg:901", posted.EventId);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Skipped Telegram update 900: it is malformed", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Seen.All, e => e.EventId == "tg:900");
    }

    [Fact]
    public async Task Stopped_between_fetching_a_batch_and_committing_it_nothing_is_lost_and_a_chat_keeps_its_order()
    {
        // The staff lookup for the batch never answers: the batch is fetched, not committed, when the bot stops.
        Api.HoldNext("getChatAdministrators");
        var bot = await TelegramBotRun.StartAsync(Api, Db);
        await using (bot)
        {
            Api.Enqueue([.. Enumerable.Range(0, 5).Select(i => MessageUpdate(1000 + i, Message(200 + i, Group, Bob, "first " + i)))]);
            await Api.WaitForAsync("getChatAdministrators", c => c.Held);
            await bot.StopAsync();
        }

        // No request asked past the uncommitted batch, so Telegram still holds all of it.
        Assert.Equal(5, Api.PendingUpdates);
        Assert.All(Api.CallsTo("getUpdates"), c => Assert.True((c.Number("offset") ?? 0) <= 1000));

        await using var restarted = await TelegramBotRun.StartAsync(Api, Db);
        await restarted.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "204");
        Api.Enqueue([.. Enumerable.Range(5, 5).Select(i => MessageUpdate(1000 + i, Message(200 + i, Group, Bob, "then " + i)))]);
        await restarted.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "209");
        await Api.WaitUntilConfirmedAsync();
        await restarted.StopAsync();

        var order = restarted.Seen.All.OfType<MessagePosted>().Select(m => m.MessageId).ToList();
        Assert.Equal([.. Enumerable.Range(200, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))], order);
        Assert.Equal(10, await ScalarAsync<long>("select count(*) from processed_events where event_id like 'tg:100_'"));
        Assert.Equal(1010, await ScalarAsync<long>("select next_update_id from telegram_offsets where bot_id = 42"));
    }
}
