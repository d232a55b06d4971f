using Bot.Adapters.Postgres.Moderation;
using Bot.Domain.Commands;
using Bot.Domain.Moderation;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Features;

public static class ModerationSetup
{
    /// <summary>Auto-moderation rules, escalation, moderator commands, appeals, raid mode and spam learning.</summary>
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<ModerationOptions>(ModerationOptions.Section);
        builder.Services.AddScoped<IModerationStore, PostgresModerationStore>();
        builder.Services.AddScoped<Enforcer>();
        builder.Services.AddScoped<Appeals>();
        builder.Services.AddScoped<RaidControl>();
        builder.Services.AddSingleton<RuleSetCache>();
        builder.Services.AddSingleton<RecentPosts>();
        // The tiering feature replaces this with its own lookup.
        builder.Services.TryAddScoped<IMemberTierLookup, NoMemberTiers>();
        builder.Services.AddScoped<IFeature, ModerationFeature>();
        builder.Services.AddScoped<ICommandHandler, ModerationCommands>();
        return builder;
    }
}
