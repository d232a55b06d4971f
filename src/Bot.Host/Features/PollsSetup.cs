using Bot.Adapters.Postgres.Polls;
using Bot.Adapters.Postgres.Stats;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Polls;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class PollsSetup
{
    /// <summary>Polls with a button per option and live counts, <c>/poll</c>, results exportable as the <c>poll_votes</c> metric.</summary>
    public static IHostApplicationBuilder AddPolls(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<PollsOptions>(PollsOptions.Section);
        builder.Services.AddScoped<IPollStore, PostgresPollStore>();
        builder.Services.AddScoped<IFeature, PollsFeature>();
        builder.Services.AddScoped<ICommandHandler, PollsCommands>();
        builder.Services.AddRollupMetric(PollRollupMetrics.Definition, PollRollupMetrics.Sql);
        return builder;
    }
}
