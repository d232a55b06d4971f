using System.Diagnostics;
using System.Globalization;
using Bot.Adapters.Postgres;

namespace Bot.IntegrationTests.Support;

/// <summary>
/// A private throwaway cluster that a test may stop and start again on the same port (an outage), apart from the
/// shared <see cref="PostgresFixture"/> cluster the other tests use at the same time. Durable (a commit is on disk
/// when acknowledged), as in production: the throwaway settings would lose the last commits to an immediate stop.
/// </summary>
public sealed class RestartablePostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgres _server;
    private readonly string _pgCtl;

    private RestartablePostgres(EmbeddedPostgres server)
    {
        _server = server;
        _pgCtl = Path.Combine(server.Binaries.BinDir, "pg_ctl");
    }

    /// <summary>The cluster's <c>bot</c> database (empty: the bot applies its migrations at start).</summary>
    public string ConnectionString => _server.ConnectionString();

    public static async Task<RestartablePostgres> StartAsync()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"communitybot-outage-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var server = new RestartablePostgres(await EmbeddedPostgres.StartAsync(dataDir, durable: true, EmbeddedPostgres.DefaultRoot(), Console.Error.WriteLine, CancellationToken.None));
        PostgresFixture.StartWatchdog(dataDir);
        return server;
    }

    /// <summary>Stops the server at once (connections are cut), as a crash or a failover would.</summary>
    public Task StopAsync() => PgCtlAsync("-D", _server.DataDir, "-m", "immediate", "-w", "stop");

    public Task StartAgainAsync() => PgCtlAsync(
        "-D", _server.DataDir, "-o", $"-p {_server.Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {_server.DataDir} -c max_connections=200",
        "-l", Path.Combine(_server.DataDir, "server.log"), "-w", "-t", "60", "start");

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_server.DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task PgCtlAsync(params string[] arguments)
    {
        var asPostgres = Environment.UserName == "root";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : _pgCtl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (asPostgres ? new[] { "-u", "postgres", "--", _pgCtl } : []).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        if (_server.Binaries.LibDir is { } lib)
        {
            start.Environment["LD_LIBRARY_PATH"] = lib;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl {arguments[^1]} failed: {await output}");
        }
    }
}
