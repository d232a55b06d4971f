using Bot.IntegrationTests.Support;

namespace Bot.IntegrationTests.Moderation;

public sealed class ModerationEndToEndTests
{
    [Fact]
    public async Task A_keyword_rule_deletes_an_evasive_message_and_explains_it()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff mod moderator
            mod: /rule add keyword 賭博 delete
            carol: 來玩線上賭 博
            carol: 今天天氣很好
            """);

        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("Rule #1 added", StringComparison.Ordinal));
        var delete = Assert.Single(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal));
        Assert.Contains("rule #1", delete, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("DirectMessage", StringComparison.Ordinal) && l.Contains("賭 博", StringComparison.Ordinal) && l.Contains("/appeal 1", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("Error", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Spam_on_a_reply_removes_that_message_and_purge_removes_the_rest_in_one_action()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var lines = await ConsoleScript.RunAsync(
            """
            :staff mod moderator
            carol: cheap followers at spam.example
            carol: second
            carol: third
            mod -> m1: /spam
            mod: /purge 2
            """,
            database);

        var removed = Assert.Single(lines, l => l.StartsWith("DeleteMessage ", StringComparison.Ordinal));
        Assert.Contains("messageId=m1", removed, StringComparison.Ordinal);
        var purge = Assert.Single(lines, l => l.StartsWith("DeleteMessages ", StringComparison.Ordinal));
        Assert.Contains("reason=/purge", purge, StringComparison.Ordinal);
        Assert.Matches(@"messageIds=m\d+,m\d+ ", purge);
        Assert.Contains(lines, l => l.Contains("Deleting 2 messages", StringComparison.Ordinal));

        // The classifier learnt the message as spam (a deferred increment, committed with the batch).
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select spam from moderation_spam_docs", connection);
        Assert.Equal(1, (int)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Members_cannot_add_rules_and_bad_patterns_save_nothing()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff mod moderator
            carol: /rule add keyword 賭博 delete
            mod: /rule add regex "([a-z" delete
            mod: /rule add keyword "..." delete
            mod: /rule list
            """);

        Assert.Contains(lines, l => l.Contains("You may not use /rule add", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is not a valid regular expression", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("has no letters or digits", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("No rules yet", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Moderator_commands_escalate_and_an_appeal_is_decided_by_another_moderator()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff mod moderator
            :staff mod2 moderator
            carol: hello
            mod: /warn @carol spam
            mod: /warn @carol spam again
            mod: /warn @carol and again
            dm carol: /appeal 3 I was only saying hello
            mod: /appeals accept 1
            mod2: /appeals accept 1
            mod: /infractions @carol
            """);

        Assert.Contains(lines, l => l.StartsWith("TimeoutMember", StringComparison.Ordinal) && l.Contains("user=carol", StringComparison.Ordinal));
        // With support running, the appeal is a ticket of kind appeal in a staff thread; /appeals still decides it by id.
        Assert.Contains(lines, l => l.StartsWith("OpenStaffThread", StringComparison.Ordinal) && l.Contains("Appeal #1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("another moderator must decide it", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Appeal #1 accepted; infraction #3 pardoned", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("RemoveTimeout", StringComparison.Ordinal) && l.Contains("user=carol", StringComparison.Ordinal));
        var infractions = Assert.Single(lines, l => l.Contains("Infractions of carol", StringComparison.Ordinal));
        Assert.Contains("(2 strikes counting now)", infractions, StringComparison.Ordinal);
        Assert.Contains("3 strikes within 1d (pardoned)", infractions, StringComparison.Ordinal);
        Assert.Contains("and again (pardoned)", infractions, StringComparison.Ordinal);
    }
}
