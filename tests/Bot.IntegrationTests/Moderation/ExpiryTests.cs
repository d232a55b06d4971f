using Bot.IntegrationTests.Support;

namespace Bot.IntegrationTests.Moderation;

public sealed class ExpiryTests
{
    [Fact]
    public async Task Temporary_timeouts_and_bans_expire_after_a_restart()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var first = await ConsoleScript.RunAsync(
            """
            :staff mod moderator
            carol: hi
            dave: hello
            mod: /timeout @carol 10m flooding
            mod: /ban @dave 1h scam links
            """, database);

        Assert.Contains(first, l => l.StartsWith("TimeoutMember", StringComparison.Ordinal) && l.Contains("user=carol", StringComparison.Ordinal));
        Assert.Contains(first, l => l.StartsWith("BanMember", StringComparison.Ordinal) && l.Contains("user=dave", StringComparison.Ordinal));
        Assert.DoesNotContain(first, l => l.StartsWith("RemoveTimeout", StringComparison.Ordinal));

        // A new host on the same database: the Quartz jobs were persisted and fire once their time has come.
        var second = await ConsoleScript.RunAsync(
            """
            :advance 15m
            :advance 1h
            """, database);

        Assert.Single(second, l => l.StartsWith("RemoveTimeout", StringComparison.Ordinal) && l.Contains("user=carol", StringComparison.Ordinal));
        Assert.Single(second, l => l.StartsWith("UnbanMember", StringComparison.Ordinal) && l.Contains("user=dave", StringComparison.Ordinal));
        Assert.True(
            second.ToList().FindIndex(l => l.StartsWith("RemoveTimeout", StringComparison.Ordinal))
            < second.ToList().FindIndex(l => l.StartsWith("UnbanMember", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_unban_by_hand_cancels_the_expiry()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff mod moderator
            dave: hello
            mod: /ban @dave 1h scam links
            mod: /unban @dave changed my mind
            :advance 2h
            """);

        Assert.Single(lines, l => l.StartsWith("UnbanMember", StringComparison.Ordinal));
    }
}
