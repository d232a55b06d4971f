using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Batch;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.IntegrationTests.Core;

public sealed class PipelineTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "pipeline");

    private static CommandInvoked Help(string id) =>
        new(id, Community, DateTimeOffset.UtcNow, "general", new Member(new UserRef(Platform.Console, "alice"), "alice", "alice"), "help", string.Empty, "m1");

    [Fact]
    public async Task Migrations_apply_from_empty_and_a_second_run_applies_none()
    {
        var server = await PostgresFixture.ServerAsync();
        var name = "m_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.ExecuteAsync($"create database {name}");
        }

        await using var dataSource = NpgsqlDataSource.Create(server.ConnectionString(name));
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync(default);
        var second = await runner.ApplyAsync(default);

        Assert.Equal(MigrationRunner.Embedded().Count, first);
        Assert.Equal(0, second);
        await using var connection = await dataSource.OpenConnectionAsync();
        var tables = (await connection.QueryAsync<string>("select table_name from information_schema.tables where table_schema = 'public'")).ToList();
        Assert.Contains("outbox", tables);
        Assert.Contains("processed_events", tables);
        Assert.Contains("qrtz_triggers", tables);
        Assert.Equal(MigrationRunner.Embedded().Select(m => m.Number), MigrationRunner.Embedded().Select(m => m.Number).Distinct());
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_acted_on_once()
    {
        var (app, executor) = await TestHost.StartAsync();
        await using (app)
        {
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            await pipeline.ProcessAsync([Help("dup-1"), Help("dup-1")], default);
            await pipeline.ProcessAsync([Help("dup-1")], default);

            Assert.Single(executor.Executed.OfType<Reply>());
            Assert.Equal(1, await CountAsync(app, "select count(*) from processed_events where event_id = 'dup-1'"));
        }
    }

    [Fact]
    public async Task An_action_that_failed_to_execute_is_held_for_its_back_off_then_replayed_from_the_outbox()
    {
        var (app, executor) = await TestHost.StartAsync();
        await using (app)
        {
            executor.ThrowFor = _ => true;
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            await pipeline.ProcessAsync([Help("outage-1")], default);
            Assert.Empty(executor.Executed);
            // Tried once; its lease now runs until the back-off is over, so nobody takes it before.
            Assert.Equal(1, await CountAsync(app, "select count(*) from outbox where done_at is null and attempts = 1 and lease_until > now() + interval '2 seconds'"));
            Assert.Equal(0, await app.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default));

            executor.ThrowFor = null;
            await CountAsync(app, "with due as (update outbox set lease_until = now() returning 1) select count(*) from due");
            await app.Services.GetRequiredService<OutboxReplayer>().ReplayAsync(default);
            await Eventually.TrueAsync(() => !executor.Executed.IsEmpty);

            Assert.Single(executor.Executed.OfType<Reply>());
            await Eventually.TrueAsync(async () => await CountAsync(app, "select count(*) from outbox where done_at is null") == 0);
        }
    }

    [Fact]
    public async Task A_timer_comes_back_as_one_event_even_when_fired_twice()
    {
        var (app, executor) = await TestHost.StartAsync();
        await using (app)
        {
            var data = new Quartz.JobDataMap
            {
                [Bot.Adapters.Scheduling.TimerJob.CommunityKey] = Community.ToString(),
                [Bot.Adapters.Scheduling.TimerJob.FeatureKey] = "test",
                [Bot.Adapters.Scheduling.TimerJob.TimerKey] = "k",
                [Bot.Adapters.Scheduling.TimerJob.PayloadKey] = "p",
            };
            var at = DateTimeOffset.UtcNow;
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            await pipeline.ProcessAsync([Bot.Adapters.Scheduling.TimerJob.ToEvent(data, at, at)], default);
            await pipeline.ProcessAsync([Bot.Adapters.Scheduling.TimerJob.ToEvent(data, at, at.AddSeconds(5))], default);

            Assert.Equal(1, await CountAsync(app, "select count(*) from processed_events where event_id like 'timer:test:k:%'"));
        }
    }

    [Fact]
    public async Task A_failing_feature_is_rolled_back_alone_and_the_others_commit()
    {
        var (app, executor) = await TestHost.StartAsync(configure: b =>
        {
            b.Services.AddScoped<IFeature>(s => new Writer(s.GetRequiredService<DbSession>(), "a-writer", 900, "insert", "defer", "append", "fail"));
            b.Services.AddScoped<IFeature>(s => new Writer(s.GetRequiredService<DbSession>(), "b-broken", 901, "fail"));
            b.Services.AddScoped<IFeature>(s => new Writer(s.GetRequiredService<DbSession>(), "c-writer", 902, "insert", "defer", "append"));
        });
        await using (app)
        {
            await CountAsync(app, "create table if not exists isolation_probe (feature text)");

            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync([Help("iso-1")], default);

            // The failing writer's row went with its savepoint (also when its very first statement failed); the
            // last writer, /help and the dedupe row committed.
            Assert.Equal(0, await CountAsync(app, "select count(*) from isolation_probe where feature = 'a-writer'"));
            Assert.Equal(1, await CountAsync(app, "select count(*) from isolation_probe where feature = 'c-writer'"));
            // Deferred increments follow their feature: the failed one's is dropped, the other runs at commit.
            Assert.Equal(0, await CountAsync(app, "select count(*) from isolation_probe where feature = 'a-writer deferred'"));
            Assert.Equal(1, await CountAsync(app, "select count(*) from isolation_probe where feature = 'c-writer deferred'"));
            // A command's batch-sink rows are written as it goes, inside the savepoint: gone with the failed feature.
            Assert.Equal(0, await CountAsync(app, "select count(*) from isolation_probe where feature = 'a-writer appended'"));
            Assert.Equal(1, await CountAsync(app, "select count(*) from isolation_probe where feature = 'c-writer appended'"));
            Assert.Single(executor.Executed.OfType<Reply>());
            Assert.Equal(1, await CountAsync(app, "select count(*) from processed_events where event_id = 'iso-1'"));
        }
    }

    [Fact]
    public async Task On_ordinary_messages_a_failing_feature_takes_back_its_pending_batch_rows_and_the_others_commit()
    {
        var (app, _) = await TestHost.StartAsync(configure: b =>
        {
            b.Services.AddScoped<IFeature>(s => new Writer(s.GetRequiredService<DbSession>(), "a-writer", 900, "append", "insert", "fail"));
            b.Services.AddScoped<IFeature>(s => new Writer(s.GetRequiredService<DbSession>(), "c-writer", 902, "append"));
        });
        await using (app)
        {
            await CountAsync(app, "create table if not exists isolation_probe (feature text)");
            var dana = new Member(new UserRef(Platform.Console, "dana"), "dana", "dana");
            MessagePosted Say(string id) => new(id, Community, DateTimeOffset.UtcNow, "general", id, dana, "just saying hello");

            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync([Say("say-1"), Say("say-2")], default);

            // The pending rows wait for the commit (none of them cost a statement); the failed feature's are taken back.
            Assert.Equal(0, await CountAsync(app, "select count(*) from isolation_probe where feature like 'a-writer%'"));
            Assert.Equal(1, await CountAsync(app, "select count(*) from isolation_probe where feature = 'c-writer appended'"));
            Assert.Equal(2, await CountAsync(app, "select count(*) from messages where community = 'console:pipeline' and message_id like 'say-%'"));
        }
    }

    [Fact]
    public async Task Shared_counters_deferred_to_the_end_of_the_batch_are_committed_with_it()
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            var carol = new Member(new UserRef(Platform.Console, "carol"), "carol", "carol");
            MessagePosted Ask(string id) => new(id, Community, DateTimeOffset.UtcNow, "general", id, carol, "where is the rules channel?");

            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync([Ask("q1"), Ask("q2")], default);
            await app.Services.GetRequiredService<IEventPipeline>().ProcessAsync([Ask("q3")], default);

            // Two increments of one FAQ gap row in one batch, one in the next: all three land, in one row.
            Assert.Equal(3, await CountAsync(app, "select coalesce(sum(count), 0) from faq_gaps"));
            Assert.Equal(1, await CountAsync(app, "select count(*) from faq_gaps"));
        }
    }

    // Runs its steps in order: "insert" a row, "defer" an insert to the end of the batch, or "fail" with a statement
    // Postgres refuses, which aborts the transaction unless the pipeline rolls back to the feature's savepoint.
    private sealed class Writer(DbSession db, string name, int order, params string[] steps) : IFeature
    {
        public string Name => name;

        public int Order => order;

        public async Task<IReadOnlyList<BotAction>> HandleAsync(Bot.Domain.Pipeline.EventContext context, CancellationToken ct)
        {
            // Only the test's own events: the stats tick fired at start may reach a community the test just created.
            if (context.Event is TimerFired { Feature: not "test" })
            {
                return [];
            }

            foreach (var step in steps)
            {
                if (step == "append")
                {
                    await db.WriteAsync(Probe, name, name + " appended", ct);
                    continue;
                }

                if (step == "defer")
                {
                    db.DeferIncrement("probe", "insert into isolation_probe (feature) values (@name || ' deferred')", new { name });
                    continue;
                }

                await db.ExecuteAsync(step == "fail" ? "select 1 / 0" : "insert into isolation_probe (feature) values (@name)", new { name }, ct);
            }

            return [];
        }
    }

    private static readonly BatchSink<string, string> Probe = new("isolation_probe", StringComparer.Ordinal, (_, later) => later, rows =>
        ("insert into isolation_probe (feature) select unnest(@rows)", new { rows = rows.ToArray() }));

    private static async Task<long> CountAsync(Microsoft.AspNetCore.Builder.WebApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
