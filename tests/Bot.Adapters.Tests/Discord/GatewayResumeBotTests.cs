using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using static Bot.Adapters.Tests.Discord.Fakes.DiscordBotRun;

namespace Bot.Adapters.Tests.Discord;

/// <summary>
/// A restarted bot resumes its shard's gateway session at the last committed sequence (Discord replays the rest), so what
/// the stopped process had queued but not committed, and what came while it was down, is committed once, in order.
/// </summary>
public sealed class GatewayResumeBotTests
{
    private const string Guild = """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0}]}""";
    private const string BotId = "123456"; // The user id in DiscordBotRun.Token's first part.

    [Fact]
    public async Task A_bot_stopped_with_dispatches_queued_resumes_and_commits_each_queued_and_missed_message_once_in_order()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        await using var discord = await FakeDiscord.StartAsync();
        var gate = new Gate();
        var first = await StartBotAsync(database, discord, gate);
        await BurstAsync(first.Gateway, 1000, 10);
        var committedUpTo = first.Gateway.LastSequence;
        await first.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "1009", seconds: 30);
        await Eventually.TrueAsync(async () => await SavedSequenceAsync(database) == committedUpTo, TimeSpan.FromSeconds(20), "session saved at the last commit");

        // "hold" holds its batch uncommitted; twenty more wait in the shard's queue behind it when the process goes.
        await first.Gateway.DispatchAsync("MESSAGE_CREATE", Message("1010", "10", "20", "31", "hold"));
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await BurstAsync(first.Gateway, 1011, 19);
        await first.Gateway.AllTakenAsync();
        await first.DisposeAsync();
        Assert.Equal(committedUpTo, await SavedSequenceAsync(database));
        Assert.Equal(10, await CountAsync(database));
        for (var id = 1029; id < 1040; id++)
        {
            discord.Missed("session-1", "MESSAGE_CREATE", Message($"{id}", "10", $"{20 + (id % 3)}", id == 1039 ? "99" : "31", $"sent while down {id}"));
        }

        await using var second = await StartAsync(Guilds, database: database, discord: discord, services: s => Gated(s, new Gate { Open = true }));
        var last = await second.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "1039", seconds: 60);

        // No GUILD_CREATE on a resume: the guild came from REST before it, so its owner is known in the replay.
        Assert.True(last.Author.IsPlatformOwner);

        var resume = (await second.Gateway.NextAsync(GatewayOp.Resume))["d"]!;
        Assert.Equal(("session-1", committedUpTo), ((string)resume["session_id"]!, (long)resume["seq"]!));
        Assert.Equal(0, second.Gateway.Count(GatewayOp.Identify));
        // The features saw each message once, each channel's in the order sent; the store holds each once.
        var seen = first.Seen.All.Concat(second.Seen.All).OfType<MessagePosted>().ToList();
        Assert.Equal(Enumerable.Range(1000, 40), seen.Select(Id).Order());
        Assert.All(seen.GroupBy(m => m.ChannelId), channel => Assert.Equal(channel.Select(Id).Order(), channel.Select(Id)));
        Assert.Equal(40, await CountAsync(database));
        Assert.Equal(40, await Sql.ScalarAsync<long>(database, "select count(*) from processed_events where event_id like 'dc:msg:%'"));
        await Eventually.TrueAsync(async () => await SavedSequenceAsync(database) == second.Gateway.LastSequence, TimeSpan.FromSeconds(20), "session saved at the replay's end");
    }

    [Theory]
    [InlineData(true, "00:05:00", "refused to resume the saved session (op 9)")]
    [InlineData(false, "00:00:00", "the saved gateway session is")]
    public async Task A_session_Discord_forgot_or_older_than_the_window_identifies_afresh_and_the_bot_works_on(bool expire, string window, string logged)
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        await using var discord = await FakeDiscord.StartAsync();
        var first = await StartBotAsync(database, discord, new Gate { Open = true });
        await BurstAsync(first.Gateway, 1000, 3);
        await first.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "1002", seconds: 30);
        await Eventually.TrueAsync(async () => await SavedSequenceAsync(database) > 0, TimeSpan.FromSeconds(20), "session saved");
        await first.DisposeAsync();
        if (expire)
        {
            discord.Expire("session-1");
        }

        await using var second = await StartAsync(
            Guilds, database: database, discord: discord, settings: new Dictionary<string, string?> { ["Discord:ResumeWindow"] = window });
        var fresh = expire ? await discord.NextConnectionAsync(TimeSpan.FromSeconds(30)) : second.Gateway;
        await fresh.NextAsync(GatewayOp.Identify, TimeSpan.FromSeconds(30));
        await second.Logs.WaitForAsync(logged, seconds: 20);
        await Eventually.TrueAsync(() => Task.FromResult(fresh.SessionId == "session-2"), TimeSpan.FromSeconds(10), "READY sent");
        await fresh.DispatchAsync("GUILD_CREATE", Guild);
        await fresh.DispatchAsync("MESSAGE_CREATE", Message("2000", "10", "20", "31", "after the restart"));

        await second.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "2000", seconds: 30);
        await Eventually.TrueAsync(
            async () => await Sql.ScalarAsync<string>(database, "select session_id from discord_sessions") == "session-2", TimeSpan.FromSeconds(20), "new session saved");
    }

    [Fact]
    public async Task Saved_sessions_never_go_back_within_a_session_and_are_kept_per_bot_shard_and_shard_count()
    {
        await using var db = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        var sessions = new PostgresGatewaySessions(db, TimeProvider.System);

        await sessions.SaveAsync(BotId, 0, 2, "s1", "wss://resume-a", 50, CancellationToken.None);
        await sessions.SaveAsync(BotId, 0, 2, "s1", "wss://resume-a", 40, CancellationToken.None);
        Assert.Equal(("s1", "wss://resume-a", 50L), Key(await sessions.LoadAsync(BotId, 0, 2, CancellationToken.None)));

        await sessions.SaveAsync(BotId, 0, 2, "s2", "wss://resume-b", 3, CancellationToken.None);
        Assert.Equal(("s2", "wss://resume-b", 3L), Key(await sessions.LoadAsync(BotId, 0, 2, CancellationToken.None)));
        Assert.Null(await sessions.LoadAsync(BotId, 0, 3, CancellationToken.None));
        Assert.Null(await sessions.LoadAsync(BotId, 1, 2, CancellationToken.None));
        Assert.Null(await sessions.LoadAsync("999", 0, 2, CancellationToken.None));
        Assert.InRange((await sessions.LoadAsync(BotId, 0, 2, CancellationToken.None))!.SavedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3_601)]
    public void Discord_ResumeWindow_outside_0_to_1_hour_is_refused_naming_the_key(int seconds)
    {
        var options = new Bot.Adapters.Discord.DiscordOptions { BotToken = "t", ResumeWindow = TimeSpan.FromSeconds(seconds) };
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), errors, validateAllProperties: true));
        Assert.Equal("Discord:ResumeWindow must be between 00:00:00 and 01:00:00.", Assert.Single(errors).ErrorMessage);
    }

    [Theory]
    [InlineData(DiscordBotRun.Token, BotId)]
    [InlineData("MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx.y", "123456789012345678")]
    [InlineData("not*base64.x.y", "not*base64")]
    public void Sessions_are_kept_under_the_bot_id_from_the_token_public_first_part(string token, string expected) =>
        Assert.Equal(expected, DiscordBotId.FromToken(token));

    /// <summary>What REST tells a bot that resumes (it gets no READY or GUILD_CREATE): who it is and the guilds it is in.</summary>
    private static FakeResponse? Guilds(RecordedRequest request) => (request.Method, request.Path) switch
    {
        ("GET", "/users/@me") => new FakeResponse(200, """{"id":"900","username":"bot","bot":true}"""),
        ("GET", "/users/@me/guilds") => new FakeResponse(200, """[{"id":"10","name":"Ten"}]"""),
        ("GET", "/guilds/10") => new FakeResponse(200, Guild.Replace("\"channels\":[{\"id\":\"20\",\"type\":0}]", "\"approximate_member_count\":5", StringComparison.Ordinal)),
        ("GET", "/guilds/10/channels") => new FakeResponse(200, """[{"id":"20","type":0}]"""),
        _ => null,
    };

    private static int Id(MessagePosted message) => int.Parse(message.MessageId, System.Globalization.CultureInfo.InvariantCulture);

    private static (string, string, long) Key(SavedGatewaySession? saved) => (saved!.SessionId, saved.ResumeUrl, saved.Sequence);

    private static async Task<long> SavedSequenceAsync(string database) =>
        await Sql.ScalarAsync<long?>(database, $"select sequence from discord_sessions where bot_id = '{BotId}' and shard_id = 0 and shard_count = 1") ?? 0;

    private static Task<long> CountAsync(string database) =>
        Sql.ScalarAsync<long>(database, "select count(*) from messages where community = 'discord:10'");

    private static async Task<DiscordBotRun> StartBotAsync(string database, FakeDiscord discord, Gate gate)
    {
        var bot = await StartAsync(database: database, discord: discord, services: s => Gated(s, gate));
        await bot.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await bot.Fake.WaitForAsync("GET", "/guilds/10/invites");
        return bot;
    }

    private static void Gated(IServiceCollection services, Gate gate)
    {
        services.AddSingleton<EventPipeline>();
        services.AddSingleton<IEventPipeline>(sp => new GatedPipeline(gate, sp.GetRequiredService<EventPipeline>()));
    }

    /// <summary>Messages <paramref name="first"/>.. over three channels.</summary>
    private static async Task BurstAsync(FakeDiscord.FakeGatewayConnection gateway, int first, int count)
    {
        for (var id = first; id < first + count; id++)
        {
            await gateway.DispatchAsync("MESSAGE_CREATE", Message($"{id}", "10", $"{20 + (id % 3)}", "31", $"message {id}"));
        }
    }

    private sealed class Gate
    {
        public bool Open { get; init; }

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The real pipeline; a batch holding "hold" never commits (it waits until the process stops).</summary>
    private sealed class GatedPipeline(Gate gate, EventPipeline inner) : IEventPipeline
    {
        public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => inner.ProcessAsync(events, ct);

        public async Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            if (!gate.Open && events.OfType<MessagePosted>().Any(m => m.Text == "hold"))
            {
                gate.Held.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }

            await inner.AcceptAsync(events, ct);
        }

        public Task<Task<IReadOnlyList<ActionResult?>>> SubmitAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => inner.SubmitAsync(events, ct);

        public Task DrainAsync(CancellationToken ct) => inner.DrainAsync(ct);
    }
}
