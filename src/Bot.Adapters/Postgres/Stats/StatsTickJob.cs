using System.Globalization;
using Bot.Adapters.Pipeline;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Stats;
using Dapper;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Bot.Adapters.Postgres.Stats;

/// <summary>
/// Hourly, for every community, a stats tick enters the pipeline as <see cref="TimerFired"/>: the feature rolls up
/// the days that are missing and posts the weekly report when it is due. The tick's event id names the community
/// and the hour, so two processes (or a fire repeated after a restart) tick a community once an hour.
/// </summary>
[DisallowConcurrentExecution]
public sealed class StatsTickJob(IEventPipeline pipeline, NpgsqlDataSource dataSource, TimeProvider time) : IJob
{
    public static readonly JobKey Key = new("stats-tick", "stats");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await TickAllAsync(ct);

    public async Task<int> TickAllAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        List<string> communities;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            communities = [.. await connection.QueryAsync<string>(new CommandDefinition("select community from communities order by community", cancellationToken: ct))];
        }

        foreach (var community in communities)
        {
            var id = $"stats:tick:{community}:{hour.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}";
            await pipeline.ProcessAsync(
                [new TimerFired(id, CommunityRef.Parse(community), now, StatsFeature.FeatureName, StatsFeature.TickKey, string.Empty, hour)], ct);
        }

        return communities.Count;
    }
}

/// <summary>Schedules the hourly tick in the persistent Quartz store and fires it once at start, which back-fills missing days.</summary>
public sealed class StatsTickSchedule(ISchedulerFactory schedulers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<StatsTickJob>().WithIdentity(StatsTickJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity("stats-tick", "stats")
            .ForJob(StatsTickJob.Key)
            .WithCronSchedule("0 5 * * * ?", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        await scheduler.TriggerJob(StatsTickJob.Key, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
