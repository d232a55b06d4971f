using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Privacy;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Privacy;

public sealed partial class ExportTests
{
    private static async Task<(CommunityRef Community, NpgsqlDataSource Data)> OpenAsync(string connectionString)
    {
        var data = NpgsqlDataSource.Create(connectionString);
        await using var connection = await data.OpenConnectionAsync();
        var community = CommunityRef.Parse(await connection.ExecuteScalarAsync<string>("select community from members limit 1") ?? "console:none");
        return (community, data);
    }

    private static async Task<string> ExportAsync(NpgsqlDataSource data, CommunityRef community, string user)
    {
        await using var db = new DbSession(data);
        var tables = await new PostgresPersonalDataStore(db).ExportAsync(community, new UserRef(community.Platform, user), default);
        return JsonSerializer.Serialize(tables, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Fact]
    public async Task No_export_contains_a_column_marked_secret()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff owner1 owner
            :staff spec specialist
            amy: hello
            spec: /giveaway start 禮物 1h 1
            :press amy m2 giveaway:enter:1
            """, connectionString);
        var (community, data) = await OpenAsync(connectionString);
        await using var connection = await data.OpenConnectionAsync();
        var secret = (await connection.QueryAsync<string>(
            """
            select c.column_name from information_schema.columns c
            join pg_catalog.pg_class t on t.relname = c.table_name and t.relnamespace = 'public'::regnamespace
            where c.table_schema = 'public' and col_description(t.oid, c.ordinal_position) like 'secret%'
            """)).ToList();
        Assert.Contains("seed", secret);

        foreach (var user in await connection.QueryAsync<string>("select user_id from members"))
        {
            var export = await ExportAsync(data, community, user);
            foreach (var column in secret)
            {
                Assert.DoesNotContain($"\"{column}\":", export, StringComparison.Ordinal);
            }
        }

        // The starter's export has the giveaway (so the check above looked at it), without its seed.
        Assert.Contains("\"prize\":\"禮物\"", await ExportAsync(data, community, "spec"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inviters_export_counts_the_people_they_invited_instead_of_naming_them()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var first = await ConsoleScript.RunAsync("alice: /invite", connectionString);
        var link = Assert.Single(first.Select(l => LinkPattern().Match(l)), m => m.Success).Value;
        await ConsoleScript.RunAsync(
            $"""
            :join carolq7 {link}
            :join daveq7 {link}
            carolq7: hello
            """, connectionString);
        var (community, data) = await OpenAsync(connectionString);

        var export = await ExportAsync(data, community, "alice");

        Assert.DoesNotContain("carolq7", export, StringComparison.Ordinal);
        Assert.DoesNotContain("daveq7", export, StringComparison.Ordinal);
        Assert.Contains("\"invite_joins.inviter_id\":2", export, StringComparison.Ordinal);
        Assert.Contains("carolq7", await ExportAsync(data, community, "carolq7"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https://console\.invalid/join/alice-\d+(?=\\n| |$)")]
    private static partial Regex LinkPattern();
}
