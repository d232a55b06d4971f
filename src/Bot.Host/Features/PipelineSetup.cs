using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Adapters.Reliability;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Features;

public static class PipelineSetup
{
    /// <summary>The event pipeline: dedupe, a DI scope and transaction per batch, the dispatcher, the outbox with its sending queues and replayer.</summary>
    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddFeatureOptions<MetricsOptions>(MetricsOptions.Section);
        builder.AddFeatureOptions<OutboxOptions>(OutboxOptions.Section);
        builder.Services.AddIngestReliability();
        builder.Services.AddSingleton<ActionLanes>();
        // TryAdd: a test host may put its own in front (Program.Build runs its overrides first).
        builder.Services.TryAddSingleton<EventPipeline>();
        builder.Services.TryAddSingleton<IEventPipeline>(sp => sp.GetRequiredService<EventPipeline>());
        builder.Services.AddSingleton<ActionRouter>();
        builder.Services.AddSingleton<WebReplies>();
        builder.Services.AddSingleton<OutboxReplayer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxReplayer>());
        builder.Services.AddScoped<IFeatureIsolation, MeteredIsolation>();
        builder.Services.AddScoped<Dispatcher>();
        builder.Services.AddScoped<EventContextFactory>();
        builder.Services.AddScoped<CommandCatalog>();
        builder.Services.AddSingleton(sp => new PermissionTable(sp.GetRequiredService<StaffOptions>().Permissions));
        builder.Services.AddScoped<StaffResolver>();
        builder.Services.AddHostedService<CommandCheck>();
        return builder;
    }

    /// <summary>Counts feature failures for <c>/metrics</c> on their way to the database savepoint rollback.</summary>
    private sealed class MeteredIsolation(DbSession session, PipelineMetrics metrics) : IFeatureIsolation
    {
        public Task EnterAsync(string feature, CancellationToken ct) => session.EnterAsync(feature, ct);

        public bool IsTransient(Exception exception) => session.IsTransient(exception);

        public Task FailAsync(string feature, CancellationToken ct)
        {
            metrics.FeatureError();
            return session.FailAsync(feature, ct);
        }
    }

    /// <summary>Builds the command catalog once at start, so a duplicate or malformed declaration stops start-up.</summary>
    private sealed class CommandCheck(IServiceScopeFactory scopes) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            _ = scope.ServiceProvider.GetRequiredService<CommandCatalog>();
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
