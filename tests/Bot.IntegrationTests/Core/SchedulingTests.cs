using System.ComponentModel.DataAnnotations;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.IntegrationTests.Support;
using Bot.Host.Features;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Bot.IntegrationTests.Core;

public sealed class SchedulingTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "scheduling");

    [Fact]
    public async Task An_accepted_event_is_committed_before_its_actions_run_and_they_run_after()
    {
        var (app, executor) = await TestHost.StartAsync();
        await using (app)
        {
            using var gate = new ManualResetEventSlim();
            executor.ThrowFor = _ => !gate.Wait(TimeSpan.FromSeconds(30));
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();

            await pipeline.AcceptAsync(
                [new CommandInvoked("accept-1", Community, DateTimeOffset.UtcNow, "general", new Member(new UserRef(Platform.Console, "alice"), "alice"), "help", string.Empty)],
                default);

            Assert.Empty(executor.Executed);
            var pending = await ScalarAsync(app, "select count(*) from outbox where event_id = 'accept-1' and done_at is null");
            Assert.True(pending > 0);
            gate.Set();
            await pipeline.DrainAsync(default);
            Assert.Single(executor.Executed.OfType<Reply>());
            Assert.Equal(0, await ScalarAsync(app, "select count(*) from outbox where event_id = 'accept-1' and done_at is null"));
            Assert.Equal(0, await ScalarAsync(app, "select count(*) from outbox where event_id = 'accept-1' and done_at is null"));
        }
    }

    [Fact]
    public async Task A_fired_one_off_timer_leaves_a_job_row_that_cleanup_removes_and_a_pending_one_is_kept()
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            var timers = app.Services.GetRequiredService<TimerScheduler>();
            await timers.ScheduleAsync(new ScheduleTimer(Community, "test", "soon", DateTimeOffset.UtcNow.AddSeconds(1)), default);
            await timers.ScheduleAsync(new ScheduleTimer(Community, "test", "later", DateTimeOffset.UtcNow.AddDays(1)), default);

            var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
            while (await ScalarAsync(app, "select count(*) from qrtz_triggers where trigger_name = 'test:soon'") > 0 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Equal(1, await ScalarAsync(app, "select count(*) from processed_events where event_id like 'timer:test:soon:%'"));
            Assert.Equal(1, await ScalarAsync(app, "select count(*) from qrtz_job_details where job_name = 'test:soon'"));

            var removed = await app.Services.GetRequiredService<SpentTimerCleanup>().RemoveSpentJobsAsync(default);

            Assert.Equal(1, removed);
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            Assert.Null(await scheduler.GetJobDetail(TimerScheduler.KeyOf("test", "soon")));
            Assert.NotNull(await scheduler.GetJobDetail(TimerScheduler.KeyOf("test", "later")));
            Assert.NotNull(await scheduler.GetTrigger(new TriggerKey("test:later", TimerScheduler.Group)));
        }
    }

    [Fact]
    public async Task Many_timers_from_one_event_are_stored_together_marked_done_and_all_fire_and_a_repeated_key_keeps_its_last()
    {
        const int Count = 300;
        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        var (app, _) = await TestHost.StartAsync(configure: b => b.Services.AddScoped<IFeature>(_ => new BulkScheduler(Count, due)));
        await using (app)
        {
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            await pipeline.AcceptAsync(
                [new CommandInvoked("bulk-1", Community, DateTimeOffset.UtcNow, "general", new Member(new UserRef(Platform.Console, "alice"), "alice"), "help", string.Empty)],
                default);
            await pipeline.DrainAsync(default);

            // Every row is done only once its timer is in the store (jobs are durable: a fired one keeps its job row).
            Assert.Equal(0, await ScalarAsync(app, "select count(*) from outbox where event_id = 'bulk-1' and done_at is null"));
            Assert.Equal(Count + 1, await ScalarAsync(app, "select count(*) from qrtz_job_details where job_name like 'bulk:%'"));

            await Eventually.TrueAsync(
                async () => await ScalarAsync(app, "select count(*) from processed_events where event_id like 'timer:bulk:%'") == Count + 1,
                TimeSpan.FromSeconds(30),
                "every bulk timer fired");
            // The repeated key fired at its second (last) time, not the first (a day later).
            Assert.Equal(1, await ScalarAsync(app, $"select count(*) from processed_events where event_id = 'timer:bulk:again:{due.UtcTicks}'"));
        }
    }

    [Theory]
    [InlineData("BatchSize", "80", "must not exceed Scheduling:MaxConcurrency")]
    [InlineData("MaxConcurrency", "0", "Scheduling:MaxConcurrency must be from 1 to 200")]
    [InlineData("FireAheadWindow", "00:00:05", "Scheduling:FireAheadWindow must be from")]
    public void A_wrong_scheduling_option_stops_start_naming_it(string key, string value, string message)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = "Host=127.0.0.1;Database=unused",
            [$"Scheduling:{key}"] = value,
        });

        var error = Assert.Throws<ValidationException>(() => builder.AddScheduling());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static async Task<long> ScalarAsync(WebApplication app, string sql)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Answers one command with many timers (an import), one key scheduled twice: first a day out, then at <c>due</c>.</summary>
    private sealed class BulkScheduler(int count, DateTimeOffset due) : IFeature
    {
        public string Name => "bulk";

        public int Order => 950;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<BotAction>>(context.Event is CommandInvoked { EventId: "bulk-1" }
                ?
                [
                    new ScheduleTimer(Community, Name, "again", due.AddDays(1)),
                    .. Enumerable.Range(0, count).Select(i => new ScheduleTimer(Community, Name, $"post{i}", due)),
                    new ScheduleTimer(Community, Name, "again", due),
                ]
                : []);
    }
}
