using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Tickets;

public sealed class AppealTicketTests
{
    [Fact]
    public async Task An_appeal_becomes_a_ticket_and_overturning_it_pardons_the_infraction()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            """
            :staff mod1 moderator
            :staff mod2 moderator
            bob: hello there
            mod1: /warn @bob spamming links
            bob: /appeal 1 I was sharing the official docs
            """, connectionString);

        var opened = Assert.Single(lines, l => l.StartsWith("OpenStaffThread", StringComparison.Ordinal));
        Assert.Contains("appeal", opened, StringComparison.OrdinalIgnoreCase);
        // The console numbers its results by executed action: the thread is named after the OpenStaffThread's position.
        var threadId = $"staff-thread-{lines.ToList().FindIndex(l => l.StartsWith("OpenStaffThread", StringComparison.Ordinal)) + 1}";

        var refused = await ConsoleScript.RunAsync($"""
            :channel {threadId}
            mod1: /ticket decide overturn fair point
            """, connectionString);
        Assert.Contains(refused, l => l.StartsWith("Reply", StringComparison.Ordinal));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_infractions where pardoned_at is not null"));
        }

        var decided = await ConsoleScript.RunAsync($"""
            :channel {threadId}
            mod2: /ticket decide overturn fair point
            """, connectionString);

        Assert.True(decided.Any(l => l.StartsWith("DirectMessage user=bob", StringComparison.Ordinal)), string.Join("\n", decided));
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            Assert.True(
                await connection.ExecuteScalarAsync<long>("select count(*) from moderation_infractions where pardoned_at is not null") == 1,
                string.Join("\n", decided));
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_appeals where status = 'Accepted' and decided_by = 'mod2'"));
        }
    }
}
