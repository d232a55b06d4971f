using Bot.Adapters.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.IntegrationTests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster per test run on a free port (as root, run by the <c>postgres</c> user), from the
/// installed server binaries or, as the bot does, from ones fetched once into its data folder; each test class gets
/// fresh migrated databases.
/// </summary>
public sealed class PostgresFixture : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static EmbeddedPostgres? _server;

    public static async Task<EmbeddedPostgres> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_server is null)
            {
                var dataDir = Path.Combine(Path.GetTempPath(), $"communitybot-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
                _server = await EmbeddedPostgres.StartAsync(dataDir, durable: false, EmbeddedPostgres.DefaultRoot(), Console.Error.WriteLine, CancellationToken.None);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(_server);
                StartWatchdog(dataDir);
            }

            return _server;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A new empty database with every migration applied; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await ServerAsync();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"create database {name}", admin);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = server.ConnectionString(name);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
        return connectionString;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // The test host is often killed rather than exited, which skips ProcessExit: a detached shell waits for this
    // process to end, then shuts the cluster down at once (SIGQUIT to the postmaster) and deletes its folder.
    internal static void StartWatchdog(string dataDir)
    {
        var script =
            $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
            $"kill -QUIT $(head -n 1 '{dataDir}/postmaster.pid'); sleep 2; rm -rf '{dataDir}'";
        var start = new System.Diagnostics.ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        System.Diagnostics.Process.Start(start)?.Dispose();
    }

    private static void StopAndDelete(EmbeddedPostgres server)
    {
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            Directory.Delete(server.DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
