using Bot.Adapters.Postgres.Batch;
using Bot.Adapters.Postgres.Core;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class CoreSetup
{
    /// <summary>Communities, members, the message log, staff and permissions, the audit log, <c>/help</c>, <c>/staff</c>, <c>/settings</c>.</summary>
    public static IHostApplicationBuilder AddCore(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<CommunityOptions>(CommunityOptions.Section);
        builder.AddFeatureOptions<StaffOptions>(StaffOptions.Section);
        builder.Services.AddSingleton(typeof(HotCache<,>));
        builder.Services.AddScoped<ICommunityStore, PostgresCommunityStore>();
        builder.Services.AddScoped<ICommunityChatStore, PostgresCommunityChatStore>();
        builder.Services.AddScoped<ChatTrust>();
        builder.Services.AddSingleton<IChatDirectory, Bot.Adapters.Console.ConsoleChatDirectory>();
        builder.Services.AddScoped<IMemberStore, PostgresMemberStore>();
        builder.Services.AddSingleton<IBatchPreloader, PostgresMemberStore.Preload>();
        builder.Services.AddScoped<IMessageLog, PostgresMessageLog>();
        builder.Services.AddScoped<IStaffStore, PostgresStaffStore>();
        builder.Services.AddSingleton<IBatchPreloader, PostgresStaffStore.Preload>();
        builder.Services.AddScoped<IAuditLog, PostgresAuditLog>();
        builder.Services.AddScoped<IFeature, MembersFeature>();
        builder.Services.AddSingleton<RefusalThrottle>();
        builder.Services.AddScoped<IFeature, CommandRouter>();
        builder.Services.AddScoped<ICommandHandler, HelpCommands>();
        builder.Services.AddScoped<ICommandHandler, StaffCommands>();
        builder.Services.AddScoped<ICommandHandler, CommunityCommands>();
        return builder;
    }
}
