using System.Text.Json.Nodes;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Telegram;
using Bot.Domain.Events;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>Floods of refused commands, unreadable updates and updates that keep failing, through the polling bot.</summary>
public sealed class HostileInputTests : TelegramBotTests
{
    private const long OtherGroup = -1005555;
    private static readonly JsonObject Alice = User(7, "Alice");
    private static readonly JsonObject Bob = User(8, "Bob");

    protected override IEnumerable<long> Groups => [Group, OtherGroup];

    [Fact]
    public async Task Fifty_unknown_commands_from_one_member_get_one_private_answer_and_moderation_and_other_chats_go_on()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        for (var i = 0; i < 50; i++)
        {
            Api.Enqueue(MessageUpdate(100 + i, Message(10 + i, Group, Bob, i % 5 == 0 ? "/ban @alice spam" : $"/nosuchcommand{i}")));
        }

        Api.Enqueue(MessageUpdate(150, Message(60, Group, Bob, $"{TelegramBotRun.SpamWord} now")));
        Api.Enqueue(MessageUpdate(151, Message(61, OtherGroup, Alice, $"{TelegramBotRun.EchoPrefix}still here")));
        await Api.WaitForAsync("deleteMessage", c => c.Number("message_id") == 60);
        await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == OtherGroup);
        await Api.WaitUntilConfirmedAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await bot.StopAsync();

        Assert.Equal(50, bot.Seen.All.OfType<CommandInvoked>().Count(c => c.Caller.User.Id == "8"));
        var answer = Assert.Single(Api.CallsTo("sendMessage"), c => c.Number("chat_id") is 8 or Group);
        Assert.Equal(8, answer.Number("chat_id"));
        Assert.Contains("You may not use /ban", answer.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_malformed_update_in_a_batch_is_set_aside_and_the_rest_of_the_batch_flows()
    {
        // Queued before the bot starts, so its first getUpdates returns the three together.
        Api.Enqueue(MessageUpdate(200, Message(20, Group, Bob, $"{TelegramBotRun.EchoPrefix}before")));
        Api.EnqueueRaw(201, """{"update_id":201,"message":{"message_id":"not a number","chat":{"id":-1001234}}}""");
        Api.Enqueue(MessageUpdate(202, Message(22, Group, Bob, $"{TelegramBotRun.EchoPrefix}after")));
        await using var bot = await TelegramBotRun.StartAsync(Api, Db);
        var replies = await Api.WaitForAsync("sendMessage", c => c.Number("chat_id") == Group, count: 2);
        await Api.WaitUntilConfirmedAsync();
        await bot.StopAsync();

        Assert.Equal(["before", "after"], replies.Select(r => r.Text("text")));
        // One request for the batch: the malformed update cost no extra calls.
        Assert.Equal(1, Api.CallsTo("getUpdates").Count(c => c.Number("offset") is null or 0));
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Skipped Telegram update 201: it is malformed", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(Db);
        var (source, payload, reason) = await connection.QuerySingleAsync<(string, string, string)>(
            "select source, payload, reason from poison_updates where update_id = '201'");
        Assert.Equal("telegram", source);
        Assert.Contains("not a number", payload, StringComparison.Ordinal);
        Assert.StartsWith("malformed: JsonException", reason, StringComparison.Ordinal);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("select count(*) from processed_events where event_id like 'tg:%'"));
    }

    [Fact]
    public async Task An_update_that_keeps_failing_outside_feature_isolation_is_set_aside_with_its_payload_and_the_stream_goes_on()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db, services: s =>
        {
            s.AddSingleton<EventPipeline>();
            s.AddSingleton<IEventPipeline>(sp => new BrokenOn("poison pill", sp.GetRequiredService<EventPipeline>()));
        });
        Api.Enqueue(
            MessageUpdate(300, Message(30, Group, Bob, $"{TelegramBotRun.EchoPrefix}one")),
            MessageUpdate(301, Message(31, Group, Bob, $"{TelegramBotRun.EchoPrefix}poison pill")),
            MessageUpdate(302, Message(32, Group, Bob, $"{TelegramBotRun.EchoPrefix}three")));
        await Api.WaitForAsync("sendMessage", count: 2);
        await Api.WaitUntilConfirmedAsync(seconds: 30);
        Api.Enqueue(MessageUpdate(303, Message(33, Group, Bob, $"{TelegramBotRun.EchoPrefix}later")));
        await Api.WaitForAsync("sendMessage", count: 3);
        await Task.Delay(500);
        await bot.StopAsync();

        Assert.Equal(["one", "three", "later"], Api.CallsTo("sendMessage").Select(c => c.Text("text")));
        Assert.Single(bot.Logs.Lines, l => l.Contains("telegram update 301 failed 3 times", StringComparison.Ordinal));
        await using var connection = new NpgsqlConnection(Db);
        var (payload, reason, failures) = await connection.QuerySingleAsync<(string, string, int)>(
            "select payload, reason, failures from poison_updates where source = 'telegram' and update_id = '301'");
        Assert.Contains("poison pill", payload, StringComparison.Ordinal);
        Assert.Equal("InvalidOperationException", reason);
        Assert.Equal(3, failures);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from poison_updates"));
    }

    /// <summary>A bug outside the features' isolation: any batch holding a message with <paramref name="text"/> fails.</summary>
    private sealed class BrokenOn(string text, EventPipeline inner) : IEventPipeline
    {
        public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => Check(events) ?? inner.ProcessAsync(events, ct);

        public Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => Check(events) ?? inner.AcceptAsync(events, ct);

        public Task<Task<IReadOnlyList<ActionResult?>>> SubmitAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) =>
            events.OfType<MessagePosted>().Any(m => m.Text.Contains(text, StringComparison.Ordinal))
                ? Task.FromException<Task<IReadOnlyList<ActionResult?>>>(new InvalidOperationException("simulated bug"))
                : inner.SubmitAsync(events, ct);

        public Task DrainAsync(CancellationToken ct) => inner.DrainAsync(ct);

        private Task? Check(IReadOnlyList<ChatEvent> events) =>
            events.OfType<MessagePosted>().Any(m => m.Text.Contains(text, StringComparison.Ordinal)) ? Task.FromException(new InvalidOperationException("simulated bug")) : null;
    }
}
