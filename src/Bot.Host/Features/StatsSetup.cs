using Bot.Adapters.Charts;
using Bot.Adapters.Postgres.Stats;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Stats;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class StatsSetup
{
    /// <summary>
    /// Daily roll-ups (an hourly Quartz tick, back-filling on start), <c>/stats</c>, <c>/kpi</c>, <c>/export</c>, the weekly
    /// staff report with charts. Other features add metrics with <c>builder.Services.AddRollupMetric(definition, sql)</c>.
    /// </summary>
    public static IHostApplicationBuilder AddStats(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<StatsOptions>(StatsOptions.Section);
        builder.AddFeatureOptions<ChartOptions>(ChartOptions.Section);
        foreach (var metric in CoreRollupMetrics.All().Concat(FeatureRollupMetrics.All()))
        {
            builder.Services.AddSingleton(metric);
        }

        builder.Services.AddSingleton(sp => new MetricCatalog(sp.GetServices<RollupMetric>().Select(m => m.Definition)));
        builder.Services.AddSingleton<RollupSql>();
        builder.Services.AddSingleton<IChartRenderer, ScottPlotChartRenderer>();
        builder.Services.AddScoped<IStatsStore, PostgresStatsStore>();
        builder.Services.AddScoped<StatsRollups>();
        builder.Services.AddScoped<WeeklyReport>();
        builder.Services.AddScoped<IFeature, StatsFeature>();
        builder.Services.AddScoped<ICommandHandler, StatsCommands>();
        builder.Services.AddTransient<StatsTickJob>();
        builder.Services.AddHostedService<StatsTickSchedule>();
        return builder;
    }
}
