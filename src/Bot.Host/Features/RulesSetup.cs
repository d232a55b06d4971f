using Bot.Adapters.Postgres.Rules;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Rules;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class RulesSetup
{
    /// <summary>Published rules: <c>/rules</c>, <c>/rules set</c>, pinned in every member chat of the community.</summary>
    public static IHostApplicationBuilder AddRules(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<RulesOptions>(RulesOptions.Section);
        builder.Services.AddScoped<IRulesStore, PostgresRulesStore>();
        builder.Services.AddScoped<RulesPublisher>();
        builder.Services.AddScoped<IFeature, RulesFeature>();
        builder.Services.AddScoped<ICommandHandler, RulesCommands>();
        return builder;
    }
}
