using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace Bot.Adapters.Postgres;

/// <summary>
/// A private PostgreSQL cluster: for running the bot with no connection string, and for tests. The binaries come
/// from <see cref="PostgresBinaries"/> (installed, or fetched once). The cluster accepts only the <c>bot</c> role with a
/// generated password (SCRAM; kept in <see cref="PasswordFile"/>, mode 0600) over loopback TCP or its Unix socket.
/// As root the server runs as the <c>postgres</c> user (PostgreSQL refuses root), so its data folder is that user's.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string PasswordFileName = "communitybot.password";

    // Written at every start, so an old cluster made with `trust` is closed too.
    private const string HbaConf =
        "# Written by CommunityBot at each start: the bot role with its password only, Unix socket and loopback.\n" +
        "local all bot scram-sha-256\n" +
        "host all bot 127.0.0.1/32 scram-sha-256\n" +
        "host all bot ::1/128 scram-sha-256\n";

    private readonly PostgresBinaries.Location _binaries;
    private readonly string? _runAs;
    private string _password = string.Empty;
    private bool _started;

    private EmbeddedPostgres(PostgresBinaries.Location binaries, string dataDir, int port)
    {
        _binaries = binaries;
        DataDir = dataDir;
        Port = port;
        _runAs = Environment.UserName == "root" ? ServerUser() : null;
    }

    public string DataDir { get; }

    public int Port { get; }

    /// <summary>The server binaries in use (installed, or fetched with their own libraries).</summary>
    public PostgresBinaries.Location Binaries => _binaries;

    public string PasswordFile => Path.Combine(DataDir, PasswordFileName);

    /// <summary>The connection string (it holds the password: never log it).</summary>
    public string ConnectionString(string database = "bot") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "bot",
        Password = _password,
        Database = database,
        Pooling = true,
        MaxPoolSize = 50,
    }.ConnectionString;

    /// <summary>Where the bot keeps its own files: <c>/var/lib/communitybot</c> as root, else the user's data folder.</summary>
    public static string DefaultRoot() =>
        Environment.UserName == "root"
            ? "/var/lib/communitybot"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "communitybot");

    /// <summary>
    /// Initialises <paramref name="dataDir"/> if empty, starts the server on a free loopback port, creates database
    /// <c>bot</c>. Binaries are fetched under <paramref name="binariesRoot"/> if none are installed; <paramref name="progress"/>
    /// hears about the slow first-run steps.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        string dataDir, bool durable, string binariesRoot, Action<string> progress, CancellationToken ct)
    {
        var binaries = await PostgresBinaries.LocateAsync(binariesRoot, progress, ct);
        var server = new EmbeddedPostgres(binaries, dataDir, FreePort());
        await server.StartAsync(durable, progress, ct);
        return server;
    }

    private async Task StartAsync(bool durable, Action<string> progress, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDir);
        if (_runAs is not null)
        {
            await RunAsync("chown", ["-R", $"{_runAs}:", DataDir], asServerUser: false, ct);
        }

        if (File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            await CheckVersionAsync(ct);
        }

        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            // Left running by a process of ours that died: stop it, since its port is no longer known to be free.
            await RunAsync(Bin("pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], _runAs is not null, ct, allowFailure: true);
        }

        if (!File.Exists(Path.Combine(DataDir, "PG_VERSION")))
        {
            progress($"Creating the database cluster in {DataDir} (first run)…");
            _password = NewPassword();
            await InitDbAsync(ct);
            await SavePasswordAsync(ct);
        }
        else if (File.Exists(PasswordFile))
        {
            _password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();
        }
        else
        {
            // A cluster from before passwords (it trusted every local connection), or one whose first start stopped
            // before the password was saved: give the role a new one while the server is down.
            _password = NewPassword();
            await RunAsync(Bin("postgres"), ["--single", "-D", DataDir, "postgres"], _runAs is not null, ct,
                input: $"ALTER ROLE bot PASSWORD '{_password}';\n");
            await SavePasswordAsync(ct);
        }

        await File.WriteAllTextAsync(Path.Combine(DataDir, "pg_hba.conf"), HbaConf, ct);
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -k {DataDir} -c password_encryption=scram-sha-256";
        // Throwaway clusters (tests) trade crash safety for speed, and serve many whole bots at once (each with its
        // own pools for the pipeline and Quartz), so they take more connections than one bot's 200.
        settings += durable ? " -c max_connections=200" : " -c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";

        await RunAsync(Bin("pg_ctl"), ["-D", DataDir, "-o", settings, "-l", Path.Combine(DataDir, "server.log"), "-w", "-t", "60", "start"], _runAs is not null, ct);
        _started = true;
        await CreateBotDatabaseAsync(ct);
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        // initdb reads the password from a file; it lives only while initdb runs, readable by the server user alone.
        var passwordFile = Path.Combine(Path.GetTempPath(), $"communitybot-initdb-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(passwordFile, _password + "\n", ct);
        OwnerOnly(passwordFile);
        try
        {
            if (_runAs is not null)
            {
                await RunAsync("chown", [$"{_runAs}:", passwordFile], asServerUser: false, ct);
            }

            await RunAsync(Bin("initdb"),
                ["-D", DataDir, "-U", "bot", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8", "--no-locale"],
                _runAs is not null, ct);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task SavePasswordAsync(CancellationToken ct)
    {
        // Made empty and owner-only first, then written, so the password is never readable by others.
        await File.WriteAllTextAsync(PasswordFile, string.Empty, ct);
        OwnerOnly(PasswordFile);
        await File.WriteAllTextAsync(PasswordFile, _password, ct);
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private async Task CreateBotDatabaseAsync(CancellationToken ct)
    {
        await using var admin = new NpgsqlConnection(ConnectionString("postgres"));
        await admin.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = 'bot'", admin);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand("create database bot", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            await RunAsync(Bin("pg_ctl"), ["-D", DataDir, "-m", "fast", "-w", "stop"], _runAs is not null, CancellationToken.None, allowFailure: true);
        }
    }

    private string Bin(string name) => Path.Combine(_binaries.BinDir, name);

    // Hex, so it needs no quoting in SQL or in a connection string.
    private static string NewPassword() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>The user a root process runs the server as: <c>postgres</c> where it exists, else <c>nobody</c>.</summary>
    private static string ServerUser() =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // A cluster is read only by the major version that made it; any other says no more than "control file appears to be corrupt".
    private async Task CheckVersionAsync(CancellationToken ct)
    {
        var made = (await File.ReadAllTextAsync(Path.Combine(DataDir, "PG_VERSION"), ct)).Trim();
        var found = MajorVersion().Match(await RunAsync(Bin("postgres"), ["--version"], asServerUser: false, ct)).Groups[1].Value;
        if (found.Length > 0 && found != made)
        {
            throw new InvalidOperationException(
                $"The database folder {DataDir} was made by PostgreSQL {made}, but the PostgreSQL found ({_binaries.BinDir}) is {found}. " +
                $"Install PostgreSQL {made}, move the folder aside to start with an empty database, or set ConnectionStrings:Bot.");
        }
    }

    [GeneratedRegex(@"\(PostgreSQL\) (\d+)")]
    private static partial Regex MajorVersion();

    /// <summary>Runs a PostgreSQL tool and returns what it printed.</summary>
    private async Task<string> RunAsync(
        string file, IReadOnlyList<string> arguments, bool asServerUser, CancellationToken ct, bool allowFailure = false, string? input = null)
    {
        // The downloaded build loads its own libraries; `env` sets that for the server alone, not for runuser.
        var command = new List<string>();
        if (asServerUser)
        {
            command.AddRange(["runuser", "-u", _runAs!, "--"]);
        }

        if (_binaries.LibDir is not null && file != "chown")
        {
            command.AddRange(["env", $"LD_LIBRARY_PATH={_binaries.LibDir}"]);
        }

        command.Add(file);
        command.AddRange(arguments);
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Path.GetFileName(file)}.");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && !allowFailure)
        {
            // Output that may echo the input (a password) stays out of the error; the server log has the cause.
            var output = input is null ? $": {(await stderr).Trim()} {(await stdout).Trim()}" : string.Empty;
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} failed ({process.ExitCode.ToString(CultureInfo.InvariantCulture)}){output}");
        }

        return await stdout;
    }
}
