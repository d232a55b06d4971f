using System.Text.RegularExpressions;
using Bot.Domain.Engagement.Giveaways;
using Bot.IntegrationTests.Support;

namespace Bot.IntegrationTests.Engagement;

/// <summary>Giveaways, events and contests through the real host, console adapter, Postgres and Quartz.</summary>
public sealed partial class EngagementConsoleTests
{
    [Fact]
    public async Task A_giveaway_runs_from_start_to_a_verified_draw()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff sam specialist
            sam: /giveaway start "Steam key" 1h 2
            :press ann b1 giveaway:enter:1
            :press bea b1 giveaway:enter:1
            :press cid b1 giveaway:enter:1
            :press cid b1 giveaway:enter:1
            ann: /giveaway verify 1
            :advance 2h
            :press dan b1 giveaway:enter:1
            ann: /giveaway verify 1
            sam: /giveaway reroll 1
            sam: /giveaway start Badge 1d 1 active
            :press ann b9 giveaway:enter:2
            """);

        var post = lines.Single(l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("Giveaway #1: Steam key", StringComparison.Ordinal));
        Assert.Contains("buttons=[Enter→giveaway:enter:1]", post, StringComparison.Ordinal);
        var commitment = Hex().Match(post[post.IndexOf("Commitment", StringComparison.Ordinal)..]).Value;
        Assert.Equal(3, lines.Count(l => l.Contains("You're in giveaway #1", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("already entered", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("has not ended; its seed stays secret", StringComparison.Ordinal));

        var result = lines.Single(l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("has ended. Winners:", StringComparison.Ordinal));
        var seed = Convert.FromHexString(Hex().Match(result[result.IndexOf("Seed:", StringComparison.Ordinal)..]).Value);
        Assert.Equal(commitment, VerifiableDraw.Commitment(seed));
        var winners = VerifiableDraw.Order(seed, ["ann", "bea", "cid"]);
        Assert.Contains($"Winners: {winners[0]}, {winners[1]}", result, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("EditMessage", StringComparison.Ordinal) && l.Contains("— ended.", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Giveaway #1 is closed", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("✅ Giveaway #1 checks out", StringComparison.Ordinal) && l.Contains("giveaway-1-entrants.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"reroll: {winners[2]} (from place 3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("for tier active and above; your tier is regular", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("Error", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_giveaway_ends_on_time_after_the_bot_restarts()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var first = await ConsoleScript.RunAsync(
            """
            :staff sam manager
            sam: /giveaway start Mug 1h
            :press ann b1 giveaway:enter:1
            """,
            database);
        var second = await ConsoleScript.RunAsync(
            """
            :advance 30m
            ann: /giveaway verify 1
            :advance 1h
            ann: /giveaway verify 1
            """,
            database);

        Assert.Contains(first, l => l.Contains("You're in giveaway #1", StringComparison.Ordinal));
        Assert.DoesNotContain(first, l => l.Contains("has ended", StringComparison.Ordinal));
        Assert.Contains("has not ended", second[0], StringComparison.Ordinal);
        Assert.Single(second, l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("Giveaway #1 (Mug) has ended. Winners: ann", StringComparison.Ordinal));
        Assert.Contains(second, l => l.Contains("✅ Giveaway #1 checks out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_fills_up_reminds_polls_and_is_summarised()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff sam specialist
            :join newbie
            sam: /event new "Spring meetup" 3h 1 https://meet.example/spring
            :press ann b1 event:going:1
            :press bea b1 event:going:1
            :advance 2h
            :press ann b1 event:notgoing:1
            :advance 1h
            ann: the talk starts now
            bea: great slides
            :advance 2h
            :press bea b9 event:rate:1:4
            :press ann b9 event:rate:1:5
            sam: /event attend 1 @bea
            sam: /event summary 1
            """);

        Assert.Contains(lines, l => l.Contains("[Going→event:going:1, Not going→event:notgoing:1]", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("number 1 on the waitlist", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Going (1): ann", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("bea, a place opened up", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("How was Spring meetup?", StringComparison.Ordinal) && l.Contains("event:rate:1:5", StringComparison.Ordinal));
        var summary = lines.Single(l => l.Contains("Summary of event #1", StringComparison.Ordinal));
        Assert.Contains(@"Attended: 1 (going: 1, waitlist: 0)", summary, StringComparison.Ordinal);
        Assert.Contains("joined within 1d of it: 1", summary, StringComparison.Ordinal);
        Assert.Contains("Messages during it: 2 from 2 members", summary, StringComparison.Ordinal);
        Assert.Contains("Rating: 4.5/5 from 2 rating(s)", summary, StringComparison.Ordinal);
        Assert.All(lines, l => Assert.DoesNotContain("Error", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contest_takes_entries_and_votes_and_posts_results_at_the_deadline()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            :staff sam specialist
            sam: /contest new "Best photo" 1d
            ann: /contest submit 1 Sunset over the harbour
            bea: /contest submit 1 A cat on a keyboard
            :press ann b2 contest:vote:1
            :press cid b2 contest:vote:2
            :press dan b2 contest:vote:2
            :press dan b2 contest:vote:2
            :advance 1d
            :press eve b2 contest:vote:1
            """);

        Assert.Contains(lines, l => l.Contains("Entry #1 to Best photo by ann", StringComparison.Ordinal) && l.Contains("Vote→contest:vote:1", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("can't vote for your own entry", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("already voted", StringComparison.Ordinal));
        var results = lines.Single(l => l.Contains("Best photo has closed", StringComparison.Ordinal));
        Assert.Contains(@"1. bea — 2 vote(s) (entry #2)\n2. ann — 0 vote(s) (entry #1)", results, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("Best photo is closed; votes are no longer taken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erasing_a_member_removes_them_from_giveaways_events_and_contests()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff own owner
            own: /giveaway start Mug 1h
            :press zed7q b1 giveaway:enter:1
            own: /event new Talk 1d 5
            :press zed7q b2 event:going:1
            :press zed7q b2 event:rate:1:5
            own: /event attend 1 <@zed7q>
            own: /contest new Photos 1d
            zed7q: /contest submit 1 my photo
            ann: /contest submit 1 her photo
            :press zed7q b3 contest:vote:2
            """,
            database);
        await using var connection = new Npgsql.NpgsqlConnection(database);
        const string Count =
            """
            select (select count(*) from giveaway_entries where user_id = @u) + (select count(*) from meetup_rsvps where user_id = @u)
                 + (select count(*) from meetup_attendance where user_id = @u) + (select count(*) from meetup_ratings where user_id = @u)
                 + (select count(*) from contest_entries where user_id = @u) + (select count(*) from contest_votes where voter_id = @u)
            """;
        var before = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, Count, new { u = "zed7q" });

        var lines = await ConsoleScript.RunAsync("own: /privacy erase <@zed7q>", database);

        Assert.Contains(lines, l => l.Contains("Erased:", StringComparison.Ordinal));
        Assert.Equal(6, before);
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, Count, new { u = "zed7q" }));
    }

    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex Hex();
}
