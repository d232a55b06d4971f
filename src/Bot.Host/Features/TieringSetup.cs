using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Tiering;
using Bot.Adapters.Web;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Tiering;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class TieringSetup
{
    /// <summary>
    /// Activity, contribution and spending points, tiers kept as platform roles, opinion-leader approval, and the daily
    /// recomputation (a recurring cron timer each community schedules when the bot first sees it).
    /// Other features read <see cref="ITierDirectory"/> and credit through <see cref="IContributionCredits"/>.
    /// Spending comes from <c>/tier import</c> (the shop's CSV) and the signed spending webhook.
    /// </summary>
    public static IHostApplicationBuilder AddTiering(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<TieringOptions>(TieringOptions.Section);
        builder.Services.AddScoped<ITieringStore, PostgresTieringStore>();
        builder.Services.AddSingleton<IBatchPreloader, PostgresTieringStore.Preload>();
        builder.Services.AddScoped<ITierDirectory, PostgresTierDirectory>();
        builder.Services.AddScoped<TierPoints>();
        builder.Services.AddScoped<IContributionCredits>(sp => sp.GetRequiredService<TierPoints>());
        builder.Services.AddScoped<IFeature, TieringFeature>();
        builder.Services.AddScoped<ICommandHandler, TieringCommands>();
        builder.Services.AddScoped<ISpendingStore, PostgresSpendingStore>();
        builder.Services.AddScoped<SpendingLedger>();
        builder.Services.AddScoped<IFeature, SpendingFeature>();
        return builder;
    }

    /// <summary><c>POST /api/communities/{id}/spending</c> for shops that report purchases (see docs/tiering.md).</summary>
    public static WebApplication MapSpending(this WebApplication app)
    {
        app.MapSpendingWebhook();
        return app;
    }
}
