using System.Diagnostics;
using Bot.Adapters.Postgres.Scheduling;
using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using Quartz.Extensibility;

namespace Bot.IntegrationTests.Core;

/// <summary>Timers stored as rows (<see cref="QuartzTimerRows"/>) are the rows Quartz itself stores, new or replacing.</summary>
public sealed class TimerRowsTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "rows");

    // Sub-millisecond times (Quartz stores ticks), an empty and a CJK payload, a day out so nothing fires meanwhile.
    private static readonly DateTimeOffset Due = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(2), TimeSpan.Zero).AddTicks(1_234_567);

    private static readonly ScheduleTimer[] Timers =
    [
        new(Community, "rows", "a", Due, "{\"post\":1}"),
        new(Community, "rows", "b", Due.AddTicks(3), string.Empty),
        new(Community, "rows", "c", Due.AddMinutes(7), "公告：明天見"),
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task New_and_replacing_rows_equal_what_Quartz_stores(bool traced)
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            using var activity = traced ? new Activity("schedule").SetIdFormat(ActivityIdFormat.W3C).Start() : null;
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var rows = app.Services.GetRequiredService<QuartzTimerRows>();

            // New: Quartz's own ScheduleJobs, then the same timers as rows after deleting them.
            await ViaQuartzAsync(scheduler);
            var byQuartz = await SnapshotAsync(app);
            await scheduler.DeleteJobs([.. Timers.Select(t => TimerScheduler.KeyOf(t.Feature, t.Key))]);
            Assert.Empty(await SnapshotAsync(app));
            Assert.True(await rows.TryStoreAsync(scheduler.SchedulerName, Pairs(), default));
            Assert.Equal(string.Join('\n', byQuartz), string.Join('\n', await SnapshotAsync(app)));

            // Replacing a stored trigger that has fired before, was paused with a reason and carries trace data:
            // what Quartz keeps and what it overwrites.
            await WearAsync(app);
            await ViaQuartzAsync(scheduler);
            var replacedByQuartz = await SnapshotAsync(app);
            await WearAsync(app);
            Assert.True(await rows.TryStoreAsync(scheduler.SchedulerName, Pairs(), default));
            Assert.Equal(string.Join('\n', replacedByQuartz), string.Join('\n', await SnapshotAsync(app)));
            Assert.Equal(Timers.Length, replacedByQuartz.Count(r => r.StartsWith("trigger ", StringComparison.Ordinal) && r.Contains("\"prev_fire_time\":42,", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task A_paused_group_or_a_key_held_by_a_recurring_trigger_is_refused_and_nothing_is_written()
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var rows = app.Services.GetRequiredService<QuartzTimerRows>();

            await app.Services.GetRequiredService<TimerScheduler>().ScheduleAsync(
                new ScheduleTimer(Community, "rows", "a", Due, Cron: "0 0 9 * * ?"), default);
            var before = await SnapshotAsync(app);
            Assert.False(await rows.TryStoreAsync(scheduler.SchedulerName, Pairs(), default));
            Assert.Equal(string.Join('\n', before), string.Join('\n', await SnapshotAsync(app)));

            await scheduler.DeleteJob(TimerScheduler.KeyOf("rows", "a"));
            await scheduler.PauseTriggerGroups(GroupMatcher<TriggerKey>.GroupEquals("other"));
            Assert.False(await rows.TryStoreAsync(scheduler.SchedulerName, Pairs(), default));
            Assert.Empty(await SnapshotAsync(app));
        }
    }

    private static List<(IJobDetail Job, IOperableTrigger Trigger)> Pairs() =>
        [.. Timers.Select(t =>
        {
            var key = TimerScheduler.KeyOf(t.Feature, t.Key);
            return (TimerScheduler.JobOf(key, t), (IOperableTrigger)TimerScheduler.TriggerOf(key, t));
        })];

    private static async Task ViaQuartzAsync(IScheduler scheduler)
    {
        foreach (var (job, trigger) in Pairs())
        {
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing);
        }
    }

    /// <summary>A stored trigger's history: a previous fire, an error state, a pause record, its own job data.</summary>
    private static async Task WearAsync(WebApplication app)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            update qrtz_triggers set prev_fire_time = 42, trigger_state = 'ERROR', pause_reason = 'staff', paused_by = 'alice',
                paused_at = 7, misfire_orig_fire_time = 9, job_data = '\x7b7d'::bytea, preferred_node = 'node-1', preferred_node_auto = true
            where trigger_group = 'timers' and trigger_name like 'rows:%'
            """);
    }

    /// <summary>Every column of the timers' rows in the job, trigger and trigger-type tables, in key order.</summary>
    private static async Task<List<string>> SnapshotAsync(WebApplication app)
    {
        await using var connection = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>(
            """
            select 'job ' || row_to_json(j)::text from qrtz_job_details j where job_group = 'timers' and job_name like 'rows:%'
            union all select 'trigger ' || row_to_json(t)::text from qrtz_triggers t where trigger_group = 'timers' and trigger_name like 'rows:%'
            union all select 'simple ' || row_to_json(s)::text from qrtz_simple_triggers s where trigger_group = 'timers' and trigger_name like 'rows:%'
            union all select 'cron ' || row_to_json(c)::text from qrtz_cron_triggers c where trigger_group = 'timers' and trigger_name like 'rows:%'
            union all select 'blob ' || b.trigger_name from qrtz_blob_triggers b where trigger_group = 'timers' and trigger_name like 'rows:%'
            union all select 'simprop ' || p.trigger_name from qrtz_simprop_triggers p where trigger_group = 'timers' and trigger_name like 'rows:%'
            order by 1
            """)];
    }
}
