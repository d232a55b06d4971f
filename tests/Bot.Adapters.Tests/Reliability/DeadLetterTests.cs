using System.Text.Json.Nodes;
using Bot.Adapters.Tests.Telegram;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>An action Telegram refuses for good becomes a dead letter that staff see in /health and retry.</summary>
public sealed class DeadLetterTests : IAsyncLifetime
{
    private static readonly JsonObject Alice = User(7, "Alice");
    private static readonly JsonObject Bob = User(8, "Bob");
    private FakeBotApi _api = null!;
    private string _db = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.SetAdmins(Group, (7, "creator"), (42, "administrator"));
        _db = await PostgresFixture.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_reply_Telegram_refuses_shows_in_health_and_health_retry_sends_it_once_the_platform_accepts()
    {
        await using var bot = await TelegramBotRun.StartAsync(_api, _db);
        _api.FailNext("sendMessage", 400, "Bad Request: not enough rights to send text messages to the chat");
        _api.Enqueue(MessageUpdate(100, Message(10, Group, Bob, $"{TelegramBotRun.EchoPrefix}refused once")));
        await Eventually(async () => await ScalarAsync("select count(*) from dead_letters") == 1);
        var letter = await ScalarAsync("select id from dead_letters");

        _api.Enqueue(MessageUpdate(101, Message(11, Group, Alice, "/health")));
        var report = Assert.Single(await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 7));
        _api.Enqueue(MessageUpdate(102, Message(12, Group, Bob, "/health")));
        var refused = Assert.Single(await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 8));
        _api.Enqueue(MessageUpdate(103, Message(13, Group, Alice, "/health retry " + letter)));
        var retried = (await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 7, count: 2))[1];
        var sent = await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == Group, count: 2);
        await Eventually(async () => await ScalarAsync("select count(*) from outbox where done_at is not null and action->>'text' = 'refused once'") == 1);
        _api.Enqueue(MessageUpdate(104, Message(14, Group, Alice, "/health")));
        var after = (await _api.WaitForAsync("sendMessage", c => c.Number("chat_id") == 7, count: 3))[2];
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
        Assert.Single(_api.Sent, s => s.Chat == Group && s.Text == "refused once");
        Assert.Equal(2, _api.CallsTo("sendMessage").Count(c => c.Number("chat_id") == Group));
        Assert.Contains("Dead letters (actions that failed for good): 0", after.Text("text"), StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync("select count(*) from dead_letters"));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_db);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "not reached in 20 s");
            await Task.Delay(100);
        }
    }
}
