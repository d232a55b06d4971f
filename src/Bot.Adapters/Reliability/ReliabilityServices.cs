using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Adapters.Reliability;

public static class ReliabilityServices
{
    /// <summary>What every ingest path shares: the database's availability, the poison-update guard, the outbox store and the metrics. Idempotent.</summary>
    public static IServiceCollection AddIngestReliability(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DatabaseAvailability>();
        services.TryAddSingleton<PostgresOutboxStore>();
        services.TryAddSingleton<PipelineMetrics>();
        services.TryAddSingleton<PoisonUpdates>();
        return services;
    }
}
