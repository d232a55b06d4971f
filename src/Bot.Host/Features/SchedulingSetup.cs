using Bot.Adapters.Scheduling;
using Quartz;

namespace Bot.Host.Features;

public static class SchedulingSetup
{
    /// <summary>
    /// Quartz with the persistent ADO store on the bot's Postgres, clustered (two processes fire a trigger once),
    /// System.Text.Json job data, and a shutdown that waits for running jobs.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s =>
            {
                s.InstanceName = "communitybot";
                s.GenerateInstanceId = true;
            });
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
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<TimerScheduler>();
        builder.Services.AddSingleton<TimerSweep>();
        builder.Services.AddTransient<TimerJob>();
        return builder;
    }
}
