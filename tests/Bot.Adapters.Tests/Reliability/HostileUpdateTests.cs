using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Adapters.Tests.Telegram;
using Bot.Domain.Events;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Xunit.Abstractions;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>10,000 malformed or hostile updates through the whole polling bot.</summary>
public sealed class HostileUpdateTests(ITestOutputHelper output) : TelegramBotTests
{

    [Fact]
    public async Task Ten_thousand_hostile_updates_crash_nothing_and_the_stream_flows()
    {
        await using var bot = await TelegramBotRun.StartAsync(Api, Db, settings: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        var hugeEntities = new JsonArray([.. Enumerable.Range(0, 100).Select(i => (JsonNode)new JsonObject { ["type"] = "bold", ["offset"] = i * 40, ["length"] = 40 })]);
        var huge = new string('長', 4096);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            var id = 10_000 + i;
            var user = User(1000 + (i % 97), i % 3 == 0 ? "Nul\0Name" : $"User {i % 97}");
            // Bad JSON first: each is read alone and set aside, and the rest of its batch goes on.
            switch (i < 100 ? 0 : 1 + (i % 9))
            {
                case 0:
                    Api.EnqueueRaw(id, $$$"""{"update_id":{{{id}}},"message":{"message_id":"not a number","chat":{{{i}}}}}""");
                    break;
                case 1 or 2 or 3 or 4:
                    Api.Enqueue(MessageUpdate(id, Message(id, Group, user, $"zero\0width\0{i}\0")));
                    break;
                case 5 or 6 or 7:
                    Api.Enqueue(MessageUpdate(id, Message(id, Group, user, huge, hugeEntities.DeepClone().AsArray())));
                    break;
                default:
                    Api.Enqueue(MessageUpdate(id, Message(id, Group, user, $"/{(i % 2 == 0 ? "nosuchcommand" : "ban")} \0 {i}")));
                    break;
            }
        }

        Api.Enqueue(MessageUpdate(20_000, Message(20_000, Group, User(7, "Alice"), "the last one")));
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "20000", seconds: 600);
        var elapsed = clock.Elapsed;
        await Api.WaitUntilConfirmedAsync();
        var stoppedByItself = bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested;
        await bot.StopAsync();

        output.WriteLine($"10,000 hostile updates in {elapsed.TotalSeconds:0.0} s");
        Assert.False(stoppedByItself);
        var seen = bot.Seen.All;
        var expected = Enumerable.Range(100, 9_900).Select(i => 1 + (i % 9)).ToList();
        Assert.Equal(expected.Count(k => k <= 4), seen.OfType<MessagePosted>().Count(m => m.Text.StartsWith("zero", StringComparison.Ordinal)));
        Assert.DoesNotContain(seen.OfType<MessagePosted>(), m => m.Text.Contains('\0', StringComparison.Ordinal) || m.Author.DisplayName.Contains('\0', StringComparison.Ordinal));
        Assert.Equal(expected.Count(k => k is >= 5 and <= 7), seen.OfType<MessagePosted>().Count(m => m.Text == huge));
        Assert.Equal(expected.Count(k => k >= 8), seen.OfType<CommandInvoked>().Count());
        Assert.Equal(100, bot.Logs.Lines.Count(l => l.Contains("it is malformed", StringComparison.Ordinal)));
        await using var connection = new NpgsqlConnection(Db);
        Assert.Equal(100, await connection.ExecuteScalarAsync<long>("select count(*) from poison_updates where reason like 'malformed:%'"));
        Assert.Equal(100, await connection.ExecuteScalarAsync<long>("select count(*) from poison_updates"));
        Assert.Equal("zerowidth102", await connection.ExecuteScalarAsync<string>("select text from messages where message_id = '10102'"));
    }
}
