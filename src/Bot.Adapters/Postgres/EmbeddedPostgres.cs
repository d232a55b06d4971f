using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bot.Adapters.Postgres;

/// <summary>
/// A private PostgreSQL cluster started from the locally installed server binaries: for running the bot
/// with no connection string, and for tests. As root the server runs as the <c>postgres</c> user
/// (PostgreSQL refuses to run as root), so its data folder is owned by that user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private bool _started;

    private EmbeddedPostgres(string binDir, string dataDir, int port)
    {
        _binDir = binDir;
        DataDir = dataDir;
        Port = port;
        _asPostgresUser = Environment.UserName == "root";
    }

    public string DataDir { get; }

    public int Port { get; }

    public string ConnectionString(string database = "bot") =>
        $"Host=127.0.0.1;Port={Port};Username=bot;Database={database};Pooling=true;Maximum Pool Size=50";

    /// <summary>Where the server binaries are, or null: <c>BOT_PG_BIN</c>, the newest <c>/usr/lib/postgresql/*/bin</c>, or PATH.</summary>
    public static string? FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("BOT_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    /// <summary>Initialises <paramref name="dataDir"/> if empty, starts the server on a free loopback port, creates database <c>bot</c>.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, bool durable, CancellationToken ct)
    {
        var binDir = FindBinaries() ?? throw new InvalidOperationException(
            "No PostgreSQL server binaries found (looked at BOT_PG_BIN, /usr/lib/postgresql/*/bin and PATH). " +
            "Install PostgreSQL (apt-get install postgresql), set ConnectionStrings__Bot, or run `docker compose up -d db`.");
        var server = new EmbeddedPostgres(binDir, dataDir, FreePort());
        await server.StartAsync(durable, ct);
        return server;
    }

    private async Task StartAsync(bool durable, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDir);
        if (_asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", DataDir], asPostgres: false, ct);
        }

        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await RunAsync(Path.Combine(_binDir, "initdb"), ["-D", DataDir, "-U", "bot", "--auth=trust", "-E", "UTF8", "--no-locale"], _asPostgresUser, ct);
        }

        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            // Left running by a process of ours that died: stop it, since its port is no longer known to be free.
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], _asPostgresUser, ct, allowFailure: true);
        }

        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -k {DataDir} -c max_connections=200";
        if (!durable)
        {
            // Throwaway clusters (tests) trade crash safety for speed.
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-o", settings, "-l", Path.Combine(DataDir, "server.log"), "-w", "-t", "60", "start"], _asPostgresUser, ct);
        _started = true;
        await RunAsync(Path.Combine(_binDir, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "bot", "-d", "postgres", "-tAc",
            "select 'exists' from pg_database where datname = 'bot'"], _asPostgresUser, ct, allowFailure: false, onOutput: async output =>
            {
                if (!output.Contains("exists", StringComparison.Ordinal))
                {
                    await RunAsync(Path.Combine(_binDir, "createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "bot", "bot"], _asPostgresUser, ct);
                }
            });
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], _asPostgresUser, CancellationToken.None, allowFailure: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(
        string file, IReadOnlyList<string> arguments, bool asPostgres, CancellationToken ct, bool allowFailure = false, Func<string, Task>? onOutput = null)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path.GetFileName(file)}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}");
        }

        if (onOutput is not null)
        {
            await onOutput(await stdout);
        }
    }
}
