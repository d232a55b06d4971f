using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Events;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Bot.Adapters.Tests.Discord.Fakes.DiscordBotRun;

namespace Bot.Adapters.Tests.Discord;

/// <summary>
/// Batched ingest through the whole bot (real pump, pipeline, features, PostgreSQL) from the fake gateway. The pipeline
/// is the real one behind a gate: the batch holding the message "hold" waits until the burst behind it has reached the
/// shard's queue, so the burst is one batch; a batch holding "poison pill" fails outside feature isolation, every time.
/// </summary>
public sealed class BatchIngestBotTests
{
    private const string Guild = """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0}]}""";

    [Fact]
    public async Task A_burst_on_one_shard_commits_in_one_transaction_each_message_once_in_channel_order()
    {
        var gate = new Gate();
        await using var bot = await StartBotAsync(gate);

        await bot.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1000", "10", "20", "31", "hold"));
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await BurstAsync(bot, 1001, 200);
        await bot.Gateway.AllTakenAsync();
        gate.Release.SetResult();
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "1200", seconds: 60);

        Assert.Equal([1, 200], bot.Seen.Batches.Select(b => b.OfType<MessagePosted>().Count()).Where(n => n > 0));
        AssertOnceInChannelOrder(bot.Seen.All, Enumerable.Range(1000, 201));
        Assert.Equal(201, await Sql.ScalarAsync<long>(ConnectionString(bot), "select count(*) from messages where community = 'discord:10'"));
    }

    [Fact]
    public async Task A_poison_dispatch_inside_a_burst_is_set_aside_alone_and_the_rest_of_the_burst_commits()
    {
        var gate = new Gate();
        await using var bot = await StartBotAsync(gate);

        await bot.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1000", "10", "20", "31", "hold"));
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await BurstAsync(bot, 1001, 14);
        await bot.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1015", "10", "20", "31", "a poison pill"));
        var poisonSequence = bot.Gateway.LastSequence;
        await BurstAsync(bot, 1016, 15);
        await bot.Gateway.AllTakenAsync();
        gate.Release.SetResult();
        var line = await bot.Logs.WaitForAsync("failed 3 times", seconds: 60);
        await bot.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1031", "10", "20", "31", "later"));
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "1031", seconds: 30);

        Assert.Contains($"discord update session-1:{poisonSequence}:MESSAGE_CREATE failed 3 times", line, StringComparison.Ordinal);
        AssertOnceInChannelOrder(bot.Seen.All, Enumerable.Range(1000, 32).Where(i => i != 1015));
        await using var connection = new NpgsqlConnection(ConnectionString(bot));
        var (source, payload, failures) = await connection.QuerySingleAsync<(string, string, int)>("select source, payload, failures from poison_updates");
        Assert.Equal(("discord", 3), (source, failures));
        Assert.Contains("a poison pill", payload, StringComparison.Ordinal);
        Assert.Equal(31, await connection.ExecuteScalarAsync<long>("select count(*) from processed_events where event_id like 'dc:msg:%'"));
    }

    [Fact]
    public async Task PostgreSQL_stopped_mid_burst_loses_nothing_and_repeats_nothing()
    {
        await using var postgres = await RestartablePostgres.StartAsync();
        await using var bot = await StartBotAsync(new Gate { Open = true }, postgres.ConnectionString);
        await BurstAsync(bot, 1000, 20);
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "1019", seconds: 30);

        await postgres.StopAsync();
        await BurstAsync(bot, 1020, 300);
        await bot.Gateway.AllTakenAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(bot.Seen.All.OfType<MessagePosted>(), m => int.Parse(m.MessageId, System.Globalization.CultureInfo.InvariantCulture) >= 1020);
        await postgres.StartAgainAsync();

        var unpooled = postgres.ConnectionString + ";Pooling=false";
        await Eventually.TrueAsync(async () => await CountAsync(unpooled) == 320, TimeSpan.FromSeconds(60), "all 320 messages committed");

        await using var connection = new NpgsqlConnection(unpooled);
        Assert.Equal(320, await connection.ExecuteScalarAsync<long>("select count(*) from messages where community = 'discord:10'"));
        // The 300 queued behind the outage went in a few batches (processed_at is a transaction's start: one value each).
        Assert.InRange(await connection.ExecuteScalarAsync<long>(
            "select count(distinct processed_at) from processed_events where event_id like 'dc:msg:%' and substr(event_id, 8)::int >= 1020"), 1, 9);
        // Rolled-back tries publish nothing: what the features saw committed, each once, in each channel's order.
        var seen = bot.Seen.All.OfType<MessagePosted>().Select(m => m.MessageId).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        AssertOnceInChannelOrder(bot.Seen.All, Enumerable.Range(1000, 320).Where(i => seen.Contains($"{i}")));
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            return await connection.ExecuteScalarAsync<long>("select count(*) from processed_events where event_id like 'dc:msg:%'");
        }
        catch (NpgsqlException)
        {
            // Still starting.
            return 0;
        }
    }

    private static async Task<DiscordBotRun> StartBotAsync(Gate gate, string? database = null)
    {
        var bot = await StartAsync(database: database, services: s =>
        {
            s.AddSingleton<EventPipeline>();
            s.AddSingleton<IEventPipeline>(sp => new GatedPipeline(gate, sp.GetRequiredService<EventPipeline>()));
        });
        await bot.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await bot.Fake.WaitForAsync("GET", "/guilds/10/invites");
        return bot;
    }

    /// <summary>Messages <paramref name="first"/>.. from seven members, spread over three channels.</summary>
    private static async Task BurstAsync(DiscordBotRun bot, int first, int count)
    {
        for (var id = first; id < first + count; id++)
        {
            await bot.Gateway.DispatchAsync("MESSAGE_CREATE", Message($"{id}", "10", $"{20 + (id % 3)}", $"{31 + (id % 7)}", $"burst message {id}"));
        }
    }

    /// <summary>The messages seen are exactly <paramref name="ids"/>, each once, and each channel's in the order they were sent.</summary>
    private static void AssertOnceInChannelOrder(IReadOnlyList<ChatEvent> seen, IEnumerable<int> ids)
    {
        var posted = seen.OfType<MessagePosted>().ToList();
        var expected = ids.Select(i => $"{i}").ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), posted.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        foreach (var channel in posted.GroupBy(m => m.ChannelId))
        {
            var order = channel.Select(m => int.Parse(m.MessageId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(order.Order(), order);
        }
    }

    private static string ConnectionString(DiscordBotRun bot) => bot.App.Configuration.GetConnectionString("Bot")!;

    private sealed class Gate
    {
        public bool Open { get; init; }

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class GatedPipeline(Gate gate, EventPipeline inner) : IEventPipeline
    {
        public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => inner.ProcessAsync(events, ct);

        public async Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            var texts = events.OfType<MessagePosted>().Select(m => m.Text).ToList();
            if (!gate.Open && texts.Contains("hold"))
            {
                gate.Held.TrySetResult();
                await gate.Release.Task.WaitAsync(ct);
            }

            if (texts.Contains("a poison pill"))
            {
                throw new InvalidOperationException("simulated bug");
            }

            await inner.AcceptAsync(events, ct);
        }

        public Task<Task<IReadOnlyList<ActionResult?>>> SubmitAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => inner.SubmitAsync(events, ct);

        public Task DrainAsync(CancellationToken ct) => inner.DrainAsync(ct);
    }
}
