using System.Text.Json;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Outbox;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.IntegrationTests.Reliability;

public sealed class OutboxTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "reliability");

    private static CommandInvoked Help(string id) =>
        new(id, Community, DateTimeOffset.UtcNow, "general", new Member(new UserRef(Platform.Console, "alice"), "alice", "alice"), "help", string.Empty, "m1");

    // The background replayer looks only at start, so a test decides when rows are replayed.
    private static void QuietReplayer(WebApplicationBuilder b, int maxAttempts = 8) =>
        b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outbox:ReplayInterval"] = "00:05:00",
            ["Outbox:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    [Theory]
    [InlineData("57P01", true)]
    [InlineData("57P02", true)]
    [InlineData("57P03", true)]
    [InlineData("53300", true)]
    [InlineData("40001", true)]
    [InlineData("40P01", true)]
    [InlineData("55P03", true)]
    [InlineData("57014", true)]
    [InlineData("08006", true)]
    [InlineData("23505", false)]
    [InlineData("42P01", false)]
    [InlineData("22021", false)]
    public void Transient_failures_are_the_listed_states(string sqlState, bool transient) =>
        Assert.Equal(transient, Transient.Is(new PostgresException("m", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void A_broken_or_refused_connection_is_transient_and_a_bug_is_not()
    {
        Assert.True(Transient.Is(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.True(Transient.Is(new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111))));
        Assert.False(Transient.Is(new InvalidOperationException("a bug")));
        Assert.False(Transient.Is(new JsonException("bad payload")));
    }

    [Fact]
    public async Task The_replayer_takes_only_rows_whose_lease_ran_out()
    {
        var (app, executor) = await TestHost.StartAsync(configure: b => QuietReplayer(b));
        await using (app)
        {
            await InsertAsync(app, "still held", "other-process", "now() + interval '1 hour'");
            await InsertAsync(app, "owner died", "dead-process", "now() - interval '1 second'");

            var replayed = await app.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default);
            await Eventually.TrueAsync(() => !executor.Executed.IsEmpty);
            Assert.Equal(0, await app.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default));

            Assert.Equal(1, replayed);
            Assert.Equal(["owner died"], executor.Executed.OfType<Reply>().Select(r => r.Text));
            await Eventually.TrueAsync(async () => await ScalarAsync(app, "select count(*) from outbox where done_at is not null") == 1);
            Assert.Equal(1, await ScalarAsync(app, "select count(*) from outbox where done_at is null and lease_owner = 'other-process'"));
        }
    }

    [Fact]
    public async Task A_refused_action_becomes_a_dead_letter_counted_in_metrics_and_retried_by_staff()
    {
        var (app, executor) = await TestHost.StartAsync(configure: b => QuietReplayer(b));
        await using (app)
        {
            executor.RefuseFor = _ => true;
            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync([Help("refused-1")], default);

            var store = app.Services.GetRequiredService<PostgresOutboxStore>();
            var letter = Assert.Single(await store.DeadLettersAsync(Community.ToString(), 10, default));
            Assert.Equal("Reply", letter.ActionType);
            Assert.Contains("403 Missing Permissions", letter.Reason, StringComparison.Ordinal);
            Assert.Equal(0, await ScalarAsync(app, "select count(*) from outbox where event_id = 'refused-1' and action->>'$action' = 'Reply'"));
            Assert.Contains("bot_dead_letters_total 1", app.Services.GetRequiredService<PipelineMetrics>().Render(), StringComparison.Ordinal);

            executor.RefuseFor = null;
            Assert.Equal(1, await store.RetryDeadLettersAsync(Community.ToString(), letter.Id, default));
            await app.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default);
            await Eventually.TrueAsync(() => !executor.Executed.IsEmpty);

            Assert.Single(executor.Executed.OfType<Reply>());
            Assert.Empty(await store.DeadLettersAsync(Community.ToString(), 10, default));
            await Eventually.TrueAsync(async () => await ScalarAsync(app, "select count(*) from outbox where event_id = 'refused-1' and action->>'$action' = 'Reply' and done_at is not null") == 1);
        }
    }

    [Fact]
    public async Task An_action_that_keeps_failing_becomes_a_dead_letter_when_its_attempts_run_out()
    {
        var (app, executor) = await TestHost.StartAsync(configure: b => QuietReplayer(b, maxAttempts: 2));
        await using (app)
        {
            executor.ThrowFor = _ => true;
            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync([Help("failing-1")], default);
            Assert.Equal(1, await ScalarAsync(app, "select count(*) from outbox where event_id = 'failing-1' and attempts = 1 and done_at is null"));

            await ScalarAsync(app, "with due as (update outbox set lease_until = now() returning 1) select count(*) from due");
            await app.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default);

            await Eventually.TrueAsync(async () => await ScalarAsync(app, "select count(*) from dead_letters where event_id = 'failing-1'") == 1);
            Assert.Equal(0, await ScalarAsync(app, "select count(*) from outbox where event_id = 'failing-1' and action->>'$action' = 'Reply'"));
            var reason = await TextAsync(app, "select reason from dead_letters where event_id = 'failing-1'");
            Assert.Equal("2 attempts failed, the last with HttpRequestException", reason);
        }
    }

    [Fact]
    public async Task Two_processes_on_one_database_handle_every_event_once_and_do_every_action_once()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var (first, firstExecutor) = await TestHost.StartAsync(connectionString);
        var (second, secondExecutor) = await TestHost.StartAsync(connectionString);
        await using (first)
        await using (second)
        {
            // The same deliveries reach both (a webhook behind a load balancer retried, shards overlapping on a move).
            var events = Enumerable.Range(0, 200).Select(i => (ChatEvent)Help($"both-{i}")).ToList();
            var pipelines = new[] { first, second }.Select(a => a.Services.GetRequiredService<IEventPipeline>()).ToList();
            await Task.WhenAll(pipelines.SelectMany(p => events.Chunk(20).Select(batch => Task.Run(() => p.ProcessAsync(batch, default)))));

            // Rows left by a process that died: both replayers look at once; each row still runs once.
            await InsertManyAsync(connectionString, 100);
            await Task.WhenAll(new[] { first, second }.Select(a => a.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default)));
            await Eventually.TrueAsync(() => firstExecutor.Executed.Count + secondExecutor.Executed.Count >= 300);
            await Task.Delay(500);

            var all = firstExecutor.Executed.Concat(secondExecutor.Executed).OfType<Reply>().ToList();
            Assert.Equal(300, all.Count);
            Assert.Equal(100, all.Select(r => r.Text).Count(t => t.StartsWith("orphan ", StringComparison.Ordinal)));
            Assert.Equal(100, all.Where(r => r.Text.StartsWith("orphan ", StringComparison.Ordinal)).Select(r => r.Text).Distinct().Count());
            Assert.Equal(200, await ScalarAsync(first, "select count(*) from processed_events where event_id like 'both-%'"));
        }
    }

    private static async Task InsertAsync(WebApplication app, string text, string owner, string leaseUntil)
    {
        var action = JsonSerializer.Serialize<BotAction>(new Reply(Community, "general", text), PostgresOutboxStore.Json);
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await connection.ExecuteAsync(
            $"insert into outbox (event_id, platform, community, action, lease_owner, lease_until) values (@e, 'Console', @c, @a::jsonb, @owner, {leaseUntil})",
            new { e = "manual:" + text, c = Community.ToString(), a = action, owner });
    }

    private static async Task InsertManyAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var actions = Enumerable.Range(0, count).Select(i => JsonSerializer.Serialize<BotAction>(new Reply(Community, "general", $"orphan {i}"), PostgresOutboxStore.Json)).ToArray();
        await connection.ExecuteAsync(
            "insert into outbox (event_id, platform, community, action, lease_owner, lease_until) select 'orphan', 'Console', @c, a::jsonb, 'dead', now() - interval '1 second' from unnest(@actions) a",
            new { c = Community.ToString(), actions });
    }

    private static async Task<long> ScalarAsync(WebApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<string?> TextAsync(WebApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>(sql);
    }
}
