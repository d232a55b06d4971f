using System.Text.Json.Nodes;
using Bot.Adapters.Tests.Telegram;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>Per-chat sending queues under Telegram's real group limit (20 messages a minute).</summary>
public sealed class SendingQueueTests : TelegramBotTests
{
    private const long OtherGroup = -1005555;
    private static readonly JsonObject Bob = User(8, "Bob");

    protected override IEnumerable<long> Groups => [Group, OtherGroup];

    [Fact]
    public async Task Thirty_replies_to_one_group_are_all_sent_once_and_another_group_is_not_kept_waiting()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db, settings: new Dictionary<string, string?>
        {
            ["Telegram:MessagesPerMinutePerGroup"] = "20",
            // Short leases, renewed every 2 s while 10 replies wait a minute for the group's window.
            ["Outbox:LeaseDuration"] = "00:00:06",
        });
        for (var i = 0; i < 30; i++)
        {
            Api.Enqueue(MessageUpdate(300 + i, Message(200 + i, Group, Bob, $"{TelegramBotRun.EchoPrefix}busy {i}")));
        }

        await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == Group, count: 20);
        await Api.WaitUntilConfirmedAsync();
        var asked = DateTimeOffset.UtcNow;
        Api.Enqueue(MessageUpdate(400, Message(300, OtherGroup, Bob, $"{TelegramBotRun.EchoPrefix}elsewhere")));
        var other = Assert.Single(await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == OtherGroup, seconds: 10));
        var waitedForOther = other.At - asked;
        var busy = await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == Group, count: 30, seconds: 90);
        await bot.StopAsync();

        Assert.True(waitedForOther < TimeSpan.FromSeconds(5), $"the other group waited {waitedForOther.TotalSeconds:0.0} s");
        Assert.True(other.At < busy[20].At, "the other group's reply waited behind the busy group's limit");
        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"busy {i}"), busy.Select(c => c.Text("text")));
        // Never more than 20 in any minute to the busy group (times are the fake's arrivals, so allow for delivery jitter).
        Assert.All(busy.Skip(20).Select((c, i) => c.At - busy[i].At), gap => Assert.True(gap >= TimeSpan.FromSeconds(59), $"21 messages within {gap}"));
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains("Replaying", StringComparison.Ordinal));
    }
}
