using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Tiering;

/// <summary>A month of shop sales loaded with <c>/tier import @file</c> through the real host and a real database.</summary>
public sealed class SpendingConsoleTests
{
    private static readonly string Export = Path.Combine(AppContext.BaseDirectory, "Tiering", "shop-spending.csv");
    private static readonly string FaqFile = Path.Combine(AppContext.BaseDirectory, "Tiering", "faq-import.csv");

    // A long half-life keeps the checked-in export's dates worth nearly their full points whenever the test runs.
    private static readonly Dictionary<string, string?> Settings = new() { ["Tiering:HalfLifeDays"] = "3650" };

    [Fact]
    public async Task An_export_attached_at_the_console_changes_tiers_once_and_importing_it_again_changes_nothing()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            $"""
            alice: hello there everyone, nice to meet you
            bob: hi all, glad to be part of this
            :staff boss manager
            boss: /tier link @bob bob@example.com
            boss: /tier import @file {Export}
            boss: /tier import @file {Export}
            :advance 1d
            alice: /rank
            boss: /tier import @file {FaqFile}
            """,
            database,
            Settings);

        var reports = lines.Where(l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("Imported", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("Imported 3 purchases of 2 members (1680.5 TWD); 0 were imported before", reports[0], StringComparison.Ordinal);
        Assert.Contains("line 4: no member is linked to \\\"carol@example.com\\\"", reports[0], StringComparison.Ordinal);
        Assert.Contains("Columns saved for the next import: member=Customer; amount=Total; currency=Currency; date=Order date; order=Order ID", reports[0], StringComparison.Ordinal);
        Assert.Contains("Imported 0 purchases of 0 members (0); 3 were imported before and skipped", reports[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Columns saved", reports[1], StringComparison.Ordinal);

        // Promoted at the import, announced once: neither the second import nor the daily recomputation repeats it.
        Assert.Single(lines, l => l.StartsWith("GrantRole user=alice role=\"Active member\"", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("DirectMessage user=alice", StringComparison.Ordinal) && l.Contains("Active", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("GrantRole user=bob", StringComparison.Ordinal));
        Assert.True(lines.Any(l => l.Contains("alice: Active, score 13", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.True(lines.Any(l => l.Contains("the column \\\"Customer\\\" (member) is not in the file; its headers are questions, answer, tags", StringComparison.Ordinal)), string.Join("\n", lines));

        await using var connection = new NpgsqlConnection(database);
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("select count(*) from tier_spending where community = 'console:local'"));
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("select count(*) from tier_ledger where kind = 'Spending'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from tier_spending where user_id = 'bob' and customer_key = 'bob@example.com'"));
    }

    [Fact]
    public async Task A_missing_file_a_wrong_type_and_a_bad_row_are_answered_and_change_nothing()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var bad = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(bad, "Order ID,Customer,Total\nX1,alice,100\nX2,alice,ten\n");
        var yaml = Path.ChangeExtension(bad, ".yaml");
        await File.WriteAllTextAsync(yaml, "- a: b\n");
        try
        {
            var lines = await ConsoleScript.RunAsync(
                $"""
                alice: hello there everyone, nice to meet you
                :staff boss manager
                boss: /tier import
                boss: /tier import @file {yaml}
                boss: /tier import @file {bad}
                boss: /tier import @file no-such-file.csv
                """,
                database);

            Assert.Contains(lines, l => l.Contains("Attach the file <file>", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("<file> must be a file of type .csv, .txt", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("Nothing was imported: line 3: the amount \\\"ten\\\" is not a positive number.", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Error no file 'no-such-file.csv'", StringComparison.Ordinal));
            await using var connection = new NpgsqlConnection(database);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from tier_ledger"));
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from tier_spending_columns"));
        }
        finally
        {
            File.Delete(bad);
            File.Delete(yaml);
        }
    }

    [Fact]
    public async Task Faq_import_takes_the_attached_file()
    {
        var lines = await ConsoleScript.RunAsync(
            $"""
            :staff boss manager
            boss: /faq import @file {FaqFile}
            boss: /faq import @file {FaqFile}
            alice: how long does a refund take?
            """);

        Assert.Contains(lines, l => l.Contains("Imported: 2 added, 0 updated.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Imported: 0 added, 2 updated.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Seven working days", StringComparison.Ordinal));
    }
}
