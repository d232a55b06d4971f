using System.Globalization;

namespace Bot.IntegrationTests.Stats;

public sealed class StatsConsoleTests
{
    [Fact]
    public async Task The_bot_starts_with_a_chart_font_that_does_not_exist_and_draws_stats_with_the_shipped_font()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff alice manager
            alice: /help
            alice: /stats
            """,
            settings: new Dictionary<string, string?> { ["Charts:FontFamily"] = "No Such Font 42" });

        Assert.Contains(lines, l => l.Contains("Commands you can use", StringComparison.Ordinal));
        var stats = Assert.Single(lines, l => l.Contains("Community figures", StringComparison.Ordinal));
        Assert.Matches(@"file=""?stats-7d\.png\(\d{4,} ?B", stats);
        Assert.DoesNotContain("could not be drawn", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_read_stats_kpis_and_exports_through_the_real_host_and_members_cannot()
    {
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lines = await ConsoleScript.RunAsync(
            $"""
            :join alice
            :join bob
            :join carol
            alice: hello
            bob: hi there
            :channel random
            bob: anyone here?
            :advance 1d
            :staff alice manager
            carol: a message today
            alice: /stats 7d
            bob: /stats
            bob: /kpi
            alice: /kpi set members 10 month
            alice: /kpi set retention_d7 250
            alice: /kpi
            alice: /export messages_channel {day} {day}
            alice: /export messages 2020-01-01 2030-01-01
            """);
        var stats = Assert.Single(lines, l => l.Contains("Community figures", StringComparison.Ordinal));
        Assert.Contains("Members: 3", stats, StringComparison.Ordinal);
        Assert.Contains("Messages: 3", stats, StringComparison.Ordinal);
        Assert.Contains("Moderation actions: 0", stats, StringComparison.Ordinal);
        Assert.Contains("Daily active members", stats, StringComparison.Ordinal);
        Assert.Matches(@"file=""?stats-7d\.png\(\d{4,} ?B", stats);
        Assert.Contains("Today so far", stats, StringComparison.Ordinal);
        // Carol's message and Alice's /stats itself (commands are messages too).
        Assert.Contains("messages 2, active members 2", stats, StringComparison.Ordinal);
        var path = stats[(stats.IndexOf(" path=", StringComparison.Ordinal) + 6)..];
        Assert.Equal(Path.Combine(ConsoleScript.OutputDir, "stats-7d.png"), path);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await File.ReadAllBytesAsync(path))[..4]);
        // Bob is refused both; the second refusal within the minute goes unanswered (a member's refusals are rate-limited).
        Assert.Equal(1, lines.Count(l => l.Contains("You may not use /stats", StringComparison.Ordinal) || l.Contains("You may not use /kpi", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("Members month target is now 10", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\\\"250\\\" is not a valid target", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Members, this month: 3 of 10 (30%)", StringComparison.Ordinal) && l.Contains("kpi.png", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Messages per channel", StringComparison.Ordinal) && l.Contains($"messages_channel_{day}_{day}.csv", StringComparison.Ordinal) && l.Contains("2 rows", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("is not a valid range", StringComparison.Ordinal));
    }
}
