using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Postgres.LogChannel;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.LogChannel;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class LogChannelSetup
{
    /// <summary>
    /// <c>/log channel</c>: edits, deletions, joins, leaves and audited actions as compact entries. The audit log is
    /// wrapped so every entry recorded while an event is handled also reaches the log; call after <c>AddCore</c>.
    /// </summary>
    public static IHostApplicationBuilder AddLogChannel(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<LogChannelOptions>(LogChannelOptions.Section);
        builder.Services.AddScoped<AuditJournal>();
        builder.Services.AddScoped<PostgresAuditLog>();
        builder.Services.AddScoped<IAuditLog>(sp => new JournalingAuditLog(sp.GetRequiredService<PostgresAuditLog>(), sp.GetRequiredService<AuditJournal>()));
        builder.Services.AddScoped<ILogChannelStore, PostgresLogChannelStore>();
        builder.Services.AddScoped<IFeature, LogChannelFeature>();
        builder.Services.AddScoped<ICommandHandler, LogChannelCommands>();
        return builder;
    }
}
