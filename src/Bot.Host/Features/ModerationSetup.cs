using Bot.Adapters.Postgres.Moderation;
using Bot.Domain.Commands;
using Bot.Domain.Moderation;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class ModerationSetup
{
    /// <summary>Auto-moderation rules, escalation, moderator commands, appeals, raid mode and spam learning.</summary>
    public static IHostApplicationBuilder AddModeration(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<ModerationOptions>(ModerationOptions.Section);
        builder.Services.AddScoped<IModerationStore, PostgresModerationStore>();
        builder.Services.AddScoped<Enforcer>();
        // With support running (AddTickets), appeals become tickets and their decisions come back here.
        builder.Services.AddScoped(sp => new Appeals(
            sp.GetRequiredService<IModerationStore>(), sp.GetRequiredService<Bot.Domain.Audit.IAuditLog>(),
            sp.GetRequiredService<Bot.Domain.Privacy.Pseudonyms>(), sp.GetService<Bot.Domain.Tickets.IAppealDesk>()));
        builder.Services.AddScoped<Bot.Domain.Tickets.IAppealOutcomes, ModerationAppealOutcomes>();
        builder.Services.AddScoped<RaidControl>();
        builder.Services.AddSingleton<RuleSetCache>();
        builder.Services.AddSingleton<RecentPosts>();
        // Tier exemptions read the tiering feature's directory (registered by AddTiering).
        builder.Services.AddScoped<IMemberTierLookup, TieringTierLookup>();
        builder.Services.AddScoped<IFeature, RaidWatch>();
        builder.Services.AddScoped<IFeature, ModerationFeature>();
        builder.Services.AddScoped<ICommandHandler, ModerationCommands>();
        return builder;
    }
}
