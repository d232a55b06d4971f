using Bot.Adapters.Postgres.Engagement;
using Bot.Domain.Commands;
using Bot.Domain.Engagement;
using Bot.Domain.Engagement.Contests;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class EngagementSetup
{
    /// <summary>
    /// Giveaways with verifiable draws, meetups with sign-ups and summaries, contests with votes. Reads tiers
    /// (<c>ITierDirectory</c>) and credits attendance (<c>IContributionCredits</c>) through <c>AddTiering</c>.
    /// </summary>
    public static IHostApplicationBuilder AddEngagement(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<EngagementOptions>(EngagementOptions.Section);
        builder.Services.AddScoped<IGiveawayStore, PostgresGiveawayStore>();
        builder.Services.AddScoped<IMeetupStore, PostgresMeetupStore>();
        builder.Services.AddScoped<IContestStore, PostgresContestStore>();
        builder.Services.AddSingleton<ISeedSource, CryptoSeedSource>();

        builder.Services.AddScoped<GiveawayCommands>();
        builder.Services.AddScoped<MeetupCommands>();
        builder.Services.AddScoped<ContestCommands>();
        builder.Services.AddScoped<ICommandHandler>(sp => sp.GetRequiredService<GiveawayCommands>());
        builder.Services.AddScoped<ICommandHandler>(sp => sp.GetRequiredService<MeetupCommands>());
        builder.Services.AddScoped<ICommandHandler>(sp => sp.GetRequiredService<ContestCommands>());
        builder.Services.AddScoped<IFeature, EngagementFeature>();
        return builder;
    }
}
