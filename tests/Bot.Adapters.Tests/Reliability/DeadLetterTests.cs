using System.Text.Json.Nodes;
using Bot.Adapters.Tests.Telegram;
using Bot.IntegrationTests.Support;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>An action Telegram refuses for good becomes a dead letter that staff see in /health and retry.</summary>
public sealed class DeadLetterTests : TelegramBotTests
{
    private static readonly JsonObject Alice = User(7, "Alice");
    private static readonly JsonObject Bob = User(8, "Bob");

    [Fact]
    public async Task A_reply_Telegram_refuses_shows_in_health_and_health_retry_sends_it_once_the_platform_accepts()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        Api.FailNext("sendMessage", 400, "Bad Request: not enough rights to send text messages to the chat");
        Api.Enqueue(MessageUpdate(100, Message(10, Group, Bob, $"{TelegramBotRun.EchoPrefix}refused once")));
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from dead_letters") == 1);
        var letter = await ScalarAsync("select id from dead_letters");

        Api.Enqueue(MessageUpdate(101, Message(11, Group, Alice, "/health")));
        var report = Assert.Single(await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 7));
        Api.Enqueue(MessageUpdate(102, Message(12, Group, Bob, "/health")));
        var refused = Assert.Single(await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 8));
        Api.Enqueue(MessageUpdate(103, Message(13, Group, Alice, "/health retry " + letter)));
        var retried = (await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 7, count: 2))[1];
        var sent = await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == Group, count: 2);
        await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from outbox where done_at is not null and action->>'text' = 'refused once'") == 1);
        Api.Enqueue(MessageUpdate(104, Message(14, Group, Alice, "/health")));
        var after = (await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 7, count: 3))[2];
        await bot.StopAsync();

        // Answered privately, to the owner alone; a member is refused.
        var text = report.Text("text")!;
        Assert.Contains("Dead letters (actions that failed for good): 1", text, StringComparison.Ordinal);
        Assert.Contains($"#{letter} Reply: Telegram refused Reply", text, StringComparison.Ordinal);
        Assert.Contains("not enough rights", text, StringComparison.Ordinal);
        Assert.Contains("/health retry", text, StringComparison.Ordinal);
        Assert.Contains("You may not use /health show", refused.Text("text"), StringComparison.Ordinal);
        Assert.Contains("Dead letters put back in the outbox: 1.", retried.Text("text"), StringComparison.Ordinal);
        // Tried twice (refused, then retried), sent once; nothing else reached the group.
        Assert.Equal(["refused once", "refused once"], sent.Select(c => c.Text("text")));
        Assert.Single(Api.Sent, s => s.Chat == Group && s.Text == "refused once");
        Assert.Equal(2, Api.CallsTo("sendMessage").Count(c => c.Number("chat_id") == Group));
        Assert.Contains("Dead letters (actions that failed for good): 0", after.Text("text"), StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync("select count(*) from dead_letters"));
    }
}
