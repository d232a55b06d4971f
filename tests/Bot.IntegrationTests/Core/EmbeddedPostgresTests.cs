using Bot.Adapters.Postgres;
using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.IntegrationTests.Core;

/// <summary>The embedded cluster is closed to anyone without its generated password, and listens on loopback only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresTests
{
    [Fact]
    public async Task The_cluster_wants_the_generated_password_kept_owner_only_and_listens_on_loopback_only()
    {
        var server = await PostgresFixture.ServerAsync();
        var password = await File.ReadAllTextAsync(server.PasswordFile);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(server.PasswordFile));
        Assert.True(password.Length >= 32, "the password is too short");
        Assert.DoesNotContain("trust", Rules(await File.ReadAllTextAsync(Path.Combine(server.DataDir, "pg_hba.conf"))), StringComparison.Ordinal);
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(server, "not-the-password"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => OpenAsync(server, password: null));
        await using var connection = await OpenAsync(server, password);
        await using var command = new NpgsqlCommand("show listen_addresses", connection);
        Assert.Equal("127.0.0.1", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_restart_keeps_the_password_and_a_cluster_without_one_is_given_a_new_one()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"communitybot-restart-{Guid.NewGuid():N}");
        try
        {
            var first = await StartAsync(dataDir);
            var password = await File.ReadAllTextAsync(first.PasswordFile);
            await first.DisposeAsync();

            var second = await StartAsync(dataDir);
            await (await OpenAsync(second, password)).DisposeAsync();
            await second.DisposeAsync();

            // As a cluster made before passwords, or one whose first start stopped before saving it.
            File.Delete(second.PasswordFile);
            var third = await StartAsync(dataDir);
            var renewed = await File.ReadAllTextAsync(third.PasswordFile);
            await (await OpenAsync(third, renewed)).DisposeAsync();
            var old = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(third, password));
            await third.DisposeAsync();

            Assert.NotEqual(password, renewed);
            Assert.Equal(PostgresErrorCodes.InvalidPassword, old.SqlState);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_folder_made_by_another_major_version_stops_start_up_saying_which_and_what_to_do()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "communitybot-version-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        await File.WriteAllTextAsync(Path.Combine(dataDir, "PG_VERSION"), "9\n");
        try
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(dataDir));

            Assert.Contains($"The database folder {dataDir} was made by PostgreSQL 9, but the PostgreSQL found", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Install PostgreSQL 9", refused.Message, StringComparison.Ordinal);
            Assert.Equal(["PG_VERSION"], Directory.GetFiles(dataDir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static Task<EmbeddedPostgres> StartAsync(string dataDir) =>
        EmbeddedPostgres.StartAsync(dataDir, durable: false, EmbeddedPostgres.DefaultRoot(), _ => { }, CancellationToken.None);

    private static async Task<NpgsqlConnection> OpenAsync(EmbeddedPostgres server, string? password)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString("postgres")) { Password = password, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string Rules(string hba) =>
        string.Join('\n', hba.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
}
