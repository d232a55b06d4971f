using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Verification;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Verification;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class VerificationSetup
{
    /// <summary>The welcome with the rules and an "I agree" button, <c>/welcome</c>, <c>/verify</c>, holding and removing unverified newcomers.</summary>
    public static IHostApplicationBuilder AddVerification(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<VerificationOptions>(VerificationOptions.Section);
        builder.Services.AddScoped<IVerificationStore, PostgresVerificationStore>();
        builder.Services.AddSingleton<IBatchPreloader, PostgresVerificationStore.Preload>();
        builder.Services.AddScoped<IFeature, VerificationFeature>();
        builder.Services.AddScoped<ICommandHandler, VerificationCommands>();
        return builder;
    }
}
