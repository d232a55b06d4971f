using System.ComponentModel.DataAnnotations;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres.Scheduling;
using Bot.Adapters.Scheduling;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartz;
using Quartz.Impl;
using SchedulingOptions = Bot.Adapters.Scheduling.SchedulingOptions;

namespace Bot.Host.Features;

public static class SchedulingSetup
{
    /// <summary>
    /// Quartz with the persistent ADO store on the bot's Postgres, clustered (two processes fire a trigger once),
    /// System.Text.Json job data, batched trigger acquisition (<see cref="SchedulingOptions"/>), and a shutdown
    /// that waits for running jobs.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<SchedulingOptions>(SchedulingOptions.Section);
        // Quartz is configured now, from these values, so they are checked now rather than when the host starts.
        var options = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s =>
            {
                s.InstanceName = "communitybot";
                s.GenerateInstanceId = true;
                // One acquisition round is one transaction: many due triggers per round is what keeps thousands on time.
                s.MaxBatchSize = options.BatchSize;
                s.BatchTriggerAcquisitionFireAheadTimeWindow = options.FireAheadWindow;
                s.IdleWaitTime = options.IdleWaitTime;
            });
            quartz.UseDefaultThreadPool(options.MaxConcurrency);
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(builder.Configuration.GetConnectionString("Bot")!);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(10);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(20);
                });
            });
        });
        // Registered before Quartz's, so it stops after it: the actions of the last fires get the shutdown's time to finish.
        builder.Services.AddHostedService<TimerActionsDrain>();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // The serializer the store is given above (UseSystemTextJsonSerializer), for the timers stored as rows.
        builder.Services.AddSingleton(sp => new QuartzTimerRows(sp.GetRequiredService<NpgsqlDataSource>(), new SystemTextJsonObjectSerializer()));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TimerScheduler>();
        builder.Services.AddSingleton<TimerSweep>();
        builder.Services.AddTransient<TimerJob>();
        builder.Services.AddSingleton<SpentTimerCleanup>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SpentTimerCleanup>());
        return builder;
    }

    private sealed class TimerActionsDrain(IEventPipeline pipeline) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => pipeline.DrainAsync(cancellationToken);
    }
}
