using Bot.Adapters.Postgres.Privacy;
using Bot.Domain.Privacy;
using Bot.IntegrationTests.Privacy;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Moderation;

public sealed class ModerationErasureTests
{
    [Fact]
    public async Task Erasure_keeps_the_strikes_pseudonymised_so_a_returning_member_still_escalates()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff owner1 owner
            :staff mod moderator
            mod: /rule add keyword 賭博 delete
            qy7zed: 來玩線上賭 博
            mod: /warn @qy7zed please stop
            dm qy7zed: /appeal 1 it was a joke
            """, connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_infractions where user_id = 'qy7zed'"));

        var lines = await ConsoleScript.RunAsync("owner1: /privacy erase @qy7zed", connectionString);

        Assert.Contains(lines, l => l.Contains("Erased:", StringComparison.Ordinal));
        var kept = (await connection.QueryAsync<(string User, string Reason, string? Excerpt, DateTime At, DateTime ForgetAt)>(
            "select user_id, reason, excerpt, at, forget_at from moderation_infractions order by id")).ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, k => Assert.StartsWith(Pseudonyms.Prefix, k.User, StringComparison.Ordinal));
        Assert.All(kept, k => Assert.True(k.Reason.Length == 0 && k.Excerpt is null, "the record keeps no text"));
        // Forgotten when the default ladder's longest window (7 days) has passed.
        Assert.All(kept, k => Assert.Equal(TimeSpan.FromDays(7), k.ForgetAt - k.At));
        Assert.Equal(string.Empty, await connection.ExecuteScalarAsync<string>("select text from moderation_appeals"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from audit_log where reason like '%joke%'"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_rules where created_by = 'qy7zed'"));

        // Back under the same platform id: the third strike in 24 hours reaches the ladder's timeout.
        lines = await ConsoleScript.RunAsync(
            """
            qy7zed: I am back
            mod: /warn @qy7zed again
            """, connectionString);

        Assert.Contains(lines, l => l.StartsWith("TimeoutMember", StringComparison.Ordinal) && l.Contains("user=qy7zed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_temporary_ban_still_ends_after_the_member_is_erased_and_then_nothing_holds_their_id()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff owner1 owner
            :staff mod moderator
            dv8zed: hello
            mod: /ban @dv8zed 1h scam links
            owner1: /privacy erase @dv8zed
            """, connectionString);

        // While the ban runs, only its lift timer's data knows whom to unban; the job's name does not.
        Assert.Equal(["qrtz_job_details.job_data (1)"], await ErasureScan.PlacesHoldingAsync(connectionString, "dv8zed"));

        var lines = await ConsoleScript.RunAsync(":advance 2h", connectionString);

        Assert.Single(lines, l => l.StartsWith("UnbanMember", StringComparison.Ordinal) && l.Contains("user=dv8zed", StringComparison.Ordinal));
        // What is left is the history of the unban just executed, which retention clears with other executed actions.
        Assert.Equal(["outbox.action (1)"], await ErasureScan.PlacesHoldingAsync(connectionString, "dv8zed"));
    }

    [Fact]
    public async Task Retention_forgets_a_pseudonymised_record_once_its_strikes_decay_and_old_ticket_transcripts()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff owner1 owner
            :staff mod moderator
            qy7zed: hi
            mod: /warn @qy7zed please stop
            dm qy7zed: /appeal 1 sorry
            owner1: /privacy erase @qy7zed
            bob: /ticket open help
            dm bob: my account is locked
            """, connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("update tickets set status = 'closed', closed_at = now() - interval '400 days'");
        Assert.True(await connection.ExecuteScalarAsync<long>("select count(*) from ticket_messages") > 0);
        var store = new PostgresRetentionStore(NpgsqlDataSource.Create(connectionString));
        var options = new PrivacyOptions();

        var early = await store.ApplyAsync(RetentionCutoffs.At(DateTimeOffset.UtcNow.AddDays(6), options), default);

        Assert.Equal(0, early["decayed infractions"]);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from ticket_messages"));

        var late = await store.ApplyAsync(RetentionCutoffs.At(DateTimeOffset.UtcNow.AddDays(8), options), default);

        Assert.Equal(1, late["decayed infractions"]);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_infractions"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_appeals"));
    }
}
