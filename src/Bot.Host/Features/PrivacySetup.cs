using Bot.Adapters.Postgres.Privacy;
using Bot.Adapters.Scheduling;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Privacy;
using Bot.Host.Hosting;
using Quartz;

namespace Bot.Host.Features;

public static class PrivacySetup
{
    /// <summary><c>/mydata</c>, <c>/privacy</c>, the pseudonym key, and the daily retention job.</summary>
    public static IHostApplicationBuilder AddPrivacy(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<PrivacyOptions>(PrivacyOptions.Section);
        builder.Services.AddSingleton(sp => new Pseudonyms(
            () => PseudonymKey.Load(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), sp.GetRequiredService<PrivacyOptions>())));
        builder.Services.AddScoped<IPersonalDataStore, PostgresPersonalDataStore>();
        builder.Services.AddSingleton<IRetentionStore, PostgresRetentionStore>();
        builder.Services.AddScoped<PrivacyCommands>();
        builder.Services.AddScoped<ICommandHandler>(sp => sp.GetRequiredService<PrivacyCommands>());
        builder.Services.AddScoped<IFeature>(sp => sp.GetRequiredService<PrivacyCommands>());
        builder.Services.AddTransient<RetentionJob>();
        builder.Services.AddHostedService<RetentionSchedule>();
        return builder;
    }

    private sealed class RetentionSchedule(ISchedulerFactory schedulers, PrivacyOptions options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var job = JobBuilder.Create<RetentionJob>().WithIdentity(RetentionJob.Key).Build();
            var trigger = TriggerBuilder.Create().WithIdentity("retention", "system").ForJob(RetentionJob.Key)
                .WithCronSchedule(options.RetentionCron).Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
