using Bot.Adapters.Console;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests.Content;

public sealed class ContentConsoleTests
{
    private const string Setup =
        """
        :staff alice specialist
        :staff bob manager
        bob: /staff channel staff
        """;

    // The restarted bot's clock starts that much later: the time between was real downtime, not an :advance.
    private static Action<WebApplicationBuilder> DownFor(TimeSpan downtime) =>
        builder => builder.Services.AddSingleton(new ConsoleClock(TimeProvider.System, downtime));

    private static int Sends(IEnumerable<string> lines) => lines.Count(l => l.StartsWith("SendMessage", StringComparison.Ordinal));

    [Fact]
    public async Task Draft_review_and_publish_through_the_real_host_with_advance()
    {
        var lines = await ConsoleScript.RunAsync(Setup + "\n" +
            """
            alice: /post new Launch | We are **live** & <ready> | news | general
            alice: /post show 1
            alice: /post approve 1 now
            alice: /post submit 1 in 30m
            bob: /post approve 1
            bob: /calendar
            :advance 31m
            bob: /post list published
            carol: /post new Sneaky | body
            """);

        Assert.Contains(lines, l => l.Contains("Draft #1", StringComparison.Ordinal) && l.Contains("saved", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("&lt;ready&gt;", StringComparison.Ordinal)); // the Telegram preview escapes
        Assert.Contains(lines, l => l.Contains("may not use /post approve", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PostToStaff", StringComparison.Ordinal) && l.Contains("post:approve:1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("EditMessage channelId=staff", StringComparison.Ordinal) && l.Contains("Approved post #1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DirectMessage user=alice", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Scheduled for the next 7 days", StringComparison.Ordinal) && l.Contains("#1 Launch", StringComparison.Ordinal));
        var send = Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal));
        Assert.Contains("channelId=general", send, StringComparison.Ordinal);
        Assert.Contains("**Launch**", send, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("#1 [published] Launch", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("You may not use /post new", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scheduled_post_survives_a_restart_and_is_published_once()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var first = await ConsoleScript.RunAsync(Setup + "\n" +
            """
            alice: /post new Restart | Still here | | general
            alice: /post submit 1
            bob: /post approve 1 in 30m
            """, database);
        var second = await ConsoleScript.RunAsync(
            """
            :advance 40m
            :advance 1h
            bob: /post list
            """, database);
        var third = await ConsoleScript.RunAsync(":advance 3h", database);

        Assert.Equal(0, Sends(first));
        Assert.Equal(1, Sends(second));
        Assert.Equal(0, Sends(third));
        Assert.Contains(second, l => l.Contains("#1 [published] Restart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Advancing_days_past_a_post_approved_for_the_next_peak_hour_publishes_it_at_that_hour_instead_of_missing_it()
    {
        var lines = await ConsoleScript.RunAsync(Setup + "\n" +
            """
            alice: /post new Peak | At the busiest hour | | general
            alice: /post submit 1
            bob: /post approve 1 peak
            :advance 8d
            bob: /post list
            """);

        Assert.Equal(1, Sends(lines));
        Assert.Contains(lines, l => l.Contains("#1 [published] Peak", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("grace period", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_post_whose_time_passed_beyond_the_grace_period_while_down_is_missed_and_staff_are_told()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(Setup + "\n" +
            """
            alice: /post new Late | Too late | | general
            alice: /post submit 1
            bob: /post approve 1 in 30m
            """, database);
        var restarted = await ConsoleScript.RunAsync("bob: /post list", database, configure: DownFor(TimeSpan.FromHours(2)));

        Assert.Equal(0, Sends(restarted));
        Assert.Contains(restarted, l => l.StartsWith("PostToStaff", StringComparison.Ordinal) && l.Contains("grace period", StringComparison.Ordinal));
        Assert.Contains(restarted, l => l.Contains("#1 [missed] Late", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_grace_period_is_configurable()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(Setup + "\n" +
            """
            alice: /post new Late | Late but fine | | general
            alice: /post submit 1
            bob: /post approve 1 in 30m
            """, database);
        var restarted = await ConsoleScript.RunAsync(
            "bob: /post list", database, new Dictionary<string, string?> { ["Content:GracePeriod"] = "03:00:00" }, DownFor(TimeSpan.FromHours(2)));

        Assert.Equal(1, Sends(restarted));
    }

    [Fact]
    public async Task An_edit_to_a_published_post_changes_the_live_message_only_after_another_manager_approves()
    {
        var lines = await ConsoleScript.RunAsync(Setup + "\n" +
            """
            :staff carol manager
            alice: /post new Launch | We are live | news | general
            alice: /post submit 1 in 30m
            bob: /post approve 1
            :advance 31m
            alice: /post edit 1 title Launch **day**
            alice: /post approve 1
            bob: /post reject 1 keep it short
            alice: /post edit 1 body We are live & well
            bob: /post edit 1 pin on
            bob: /post approve 1
            carol: /post approve 1
            bob: /post show 1
            """);

        Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("PostToStaff", StringComparison.Ordinal) && l.Contains("post:approve-edit:1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("another manager must review", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DirectMessage user=alice", StringComparison.Ordinal) && l.Contains("keep it short", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("replaced by a newer edit", StringComparison.Ordinal));
        // Only carol's approval edits the live message: bob wrote the last revision.
        var live = Assert.Single(lines, l => l.StartsWith("EditMessage channelId=general", StringComparison.Ordinal));
        Assert.Contains("We are live & well", live, StringComparison.Ordinal);
        Assert.Contains("formatted=True", live, StringComparison.Ordinal);
        Assert.Contains("pin=True", live, StringComparison.Ordinal);
        Assert.DoesNotContain("**day**", live, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Approved revision #3 of post #1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Post #1 ", StringComparison.Ordinal) && l.Contains("· published ·", StringComparison.Ordinal));
    }
}
