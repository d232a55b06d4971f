using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.IntegrationTests.Journey;

/// <summary>Rules, welcome and verification, polls, surveys, suggestions and the log channel through the real host and console.</summary>
public sealed class MemberJourneyConsoleTests
{
    [Fact]
    public async Task Rules_are_shown_and_pinned_and_a_new_version_edits_the_pinned_message()
    {
        var lines = await RunAsync(
            """
            :staff olga owner
            ann: /rules
            olga: /rules set Be kind.\nNo spam.
            ann: /rules
            olga: /rules set Be kind.\nNo spam.\nNo ads.
            ann: /rules set I make the rules now
            """);

        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("No rules have been published yet", StringComparison.Ordinal));
        var pinned = Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("Community rules (version 1)", StringComparison.Ordinal));
        Assert.Contains("channelId=general", pinned, StringComparison.Ordinal);
        Assert.Contains("pin=True", pinned, StringComparison.Ordinal);
        Assert.Contains("Be kind.\\nNo spam.", pinned, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("Community rules (version 1)\\nBe kind.\\nNo spam.", StringComparison.Ordinal));
        var edited = Assert.Single(lines, l => l.StartsWith("EditMessage", StringComparison.Ordinal));
        Assert.Contains("Community rules (version 2)", edited, StringComparison.Ordinal);
        Assert.Contains("No ads.", edited, StringComparison.Ordinal);
        Assert.Contains("pin=True", edited, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("not permitted", StringComparison.OrdinalIgnoreCase) || l.Contains("/rules set", StringComparison.Ordinal) && l.Contains("manager", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("version 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_newcomer_is_greeted_held_back_until_they_press_their_own_button_and_removed_when_they_never_do()
    {
        var lines = await RunAsync(
            """
            :staff olga owner
            :staff mo moderator
            olga: /rules set Be kind.
            olga: /welcome set Hi {name}, welcome to {community}!
            mo: /verify on
            :join nina
            nina: hello?
            nina: anyone?
            :press max b9 verify:agree:nina
            max: still talking
            :press nina b9 verify:agree:nina
            nina: hello now
            :join omar
            :join pia
            mo: /verify member pia
            pia: thanks mo
            :advance 31m
            """,
            settings: new Dictionary<string, string?> { ["Verification:TimeoutMinutes"] = "30" });

        var greeting = Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("Hi nina, welcome to local!", StringComparison.Ordinal));
        Assert.Contains("Community rules (version 1)", greeting, StringComparison.Ordinal);
        Assert.Contains("buttons=\"[I agree→verify:agree:nina]\"", greeting, StringComparison.Ordinal);

        // m4 and m5 are nina's two messages before pressing; both go, with one explanation.
        Assert.Single(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal) && l.Contains("messageId=m4", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal) && l.Contains("messageId=m5", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("DirectMessage user=nina", StringComparison.Ordinal) && l.Contains("held back", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("This button is for the member it welcomes", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("You can post now", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal) && l.Contains("messageId=m6", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal) && l.Contains("messageId=m7", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal) && l.Contains("messageId=m9", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("DeleteMessage", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("pia is verified", StringComparison.Ordinal));

        var kicked = Assert.Single(lines, l => l.StartsWith("KickMember", StringComparison.Ordinal));
        Assert.Contains("user=omar", kicked, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("BanMember", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("Error", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_raid_makes_verification_the_one_newcomer_check_with_the_platform_hold_and_the_raid_timeout()
    {
        var lines = await RunAsync(
            """
            :staff mo moderator
            :join ann
            :join bob
            bob: hello?
            :press ann b9 verify:agree:bob
            :press bob b9 verify:agree:bob
            bob: hello now
            :join cid
            :advance 11m
            """,
            settings: new Dictionary<string, string?> { ["Moderation:RaidMinJoinsPerMinute"] = "2", ["Verification:RaidTimeoutMinutes"] = "10" });

        Assert.Single(lines, l => l.StartsWith("PostToStaff", StringComparison.Ordinal) && l.Contains("Raid mode ON", StringComparison.Ordinal));
        // ann joined before the burst; bob's join started the raid and is already checked under raid rules.
        Assert.DoesNotContain(lines, l => l.Contains("verify:agree:ann", StringComparison.Ordinal));
        var greeting = Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("bob", StringComparison.Ordinal));
        Assert.Contains("raid protection", greeting, StringComparison.Ordinal);
        Assert.Contains("buttons=\"[I agree→verify:agree:bob]\"", greeting, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("moderation:verify", StringComparison.Ordinal) || l.Contains("I am a person", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("TimeoutMember", StringComparison.Ordinal) && l.Contains("user=bob", StringComparison.Ordinal));

        // m1 is bob's message before pressing, m2 the one after.
        Assert.Contains("messageId=m1", Assert.Single(lines, l => l.StartsWith("DeleteMessage", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("This button is for the member it welcomes", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("RemoveTimeout", StringComparison.Ordinal) && l.Contains("user=bob", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("You can post now", StringComparison.Ordinal));

        var kicked = Assert.Single(lines, l => l.StartsWith("KickMember", StringComparison.Ordinal));
        Assert.Contains("user=cid", kicked, StringComparison.Ordinal);
        Assert.Contains("10 minutes", kicked, StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("TimeoutMember", StringComparison.Ordinal) && l.Contains("user=cid", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("BanMember", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_polls_counts_update_with_votes_and_a_summary_posts_at_the_close_and_its_results_export()
    {
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var lines = await RunAsync(
            $"""
            :staff sam specialist
            sam: /poll new Lunch? | pizza | sushi | noodles 1h
            :press ann b1 poll:vote:1:0
            :press bea b1 poll:vote:1:1
            :press cid b1 poll:vote:1:0
            :press bea b1 poll:vote:1:0
            :press bea b1 poll:vote:1:0
            ann: /poll new Only one option | yes
            :advance 2h
            :press dan b1 poll:vote:1:2
            ann: /poll results 1
            :advance 1d
            :staff mia manager
            mia: /export poll_votes {day} {day}
            """);

        var post = Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("Poll #1: Lunch?", StringComparison.Ordinal));
        Assert.Contains("buttons=\"[pizza→poll:vote:1:0, sushi→poll:vote:1:1, noodles→poll:vote:1:2]\"", post, StringComparison.Ordinal);
        var edits = lines.Where(l => l.StartsWith("EditMessage", StringComparison.Ordinal)).ToList();
        Assert.Contains("pizza — 1 (100%)", edits[0], StringComparison.Ordinal);
        Assert.Contains("pizza — 2 (67%)", edits[2], StringComparison.Ordinal);
        Assert.Contains("sushi — 1 (33%)", edits[2], StringComparison.Ordinal);
        Assert.Contains("pizza — 3 (100%)", edits[3], StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("Your vote is now “pizza”", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("You already voted for “pizza”", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("A poll needs a question and at least two options", StringComparison.Ordinal) || l.Contains("not permitted", StringComparison.OrdinalIgnoreCase) || l.Contains("specialist", StringComparison.Ordinal));
        var closed = edits.Last();
        Assert.Contains("closed", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("pizza→poll", closed, StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("Poll #1 is closed: “Lunch?” — pizza won with 3 of 3 vote(s).", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Poll #1 is closed.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("pizza — 3 (100%)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Poll votes (poll:option)", StringComparison.Ordinal) && l.Contains(": 1 rows.", StringComparison.Ordinal)
            && l.Contains($"poll_votes_{day}_{day}.csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_suggestion_reaches_the_staff_chat_and_the_log_channel_gets_edits_deletions_joins_and_moderation()
    {
        var lines = await RunAsync(
            """
            :staff olga owner
            olga: /staff channel staff
            olga: /log channel mod-log
            ann: I love this place
            :edit ann m3 I really love this place
            :delete m3
            :join zed
            bea: hi
            olga: /kick zed being rude
            olga: /staff grant bea moderator
            ann: /suggest Please add an #events calendar
            :channel staff
            :press ann b1 suggest:accepted:1
            :press olga b1 suggest:accepted:1
            :press olga b1 suggest:declined:1
            """);

        var card = Assert.Single(lines, l => l.StartsWith("PostToStaff", StringComparison.Ordinal) && l.Contains("Suggestion #1 [events] from ann", StringComparison.Ordinal));
        Assert.Contains("suggest:accepted:1", card, StringComparison.Ordinal);
        Assert.Contains("suggest:declined:1", card, StringComparison.Ordinal);
        Assert.Contains("suggest:duplicate:1", card, StringComparison.Ordinal);
        Assert.Single(lines, l => l.Contains("Only staff decide on suggestions", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("DirectMessage user=ann", StringComparison.Ordinal) && l.Contains("was accepted", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("has already been decided", StringComparison.Ordinal));

        var log = lines.Where(l => l.StartsWith("SendMessage channelId=mod-log", StringComparison.Ordinal)).ToList();
        Assert.Contains(log, l => l.Contains("ann edited a message in #general: “I love this place” → “I really love this place”", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("Message by ann in #general deleted: “I really love this place”", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("zed (zed) joined", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("kick: olga → zed", StringComparison.Ordinal) && l.Contains("being rude", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Contains("staff-grant: olga → bea", StringComparison.Ordinal) && l.Contains("Moderator", StringComparison.Ordinal));
        Assert.DoesNotContain(log, l => l.Contains("command:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scheduled_survey_collects_answers_and_comments_and_feeds_satisfaction_in_stats()
    {
        var lines = await RunAsync(
            """
            :staff sam manager
            sam: /survey every 7
            :press ann b1 survey:rate:1:4
            :press bea b1 survey:rate:1:2
            :press bea b1 survey:rate:1:5
            ann: /survey comment More events please
            cid: /survey comment I never answered
            :advance 7d
            :press dan b1 survey:rate:1:3
            :advance 1d
            sam: /stats 30d
            """);

        var rounds = lines.Where(l => l.StartsWith("SendMessage", StringComparison.Ordinal) && l.Contains("How satisfied are you with this community?", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rounds.Count);
        Assert.Contains("survey:rate:1:5", rounds[0], StringComparison.Ordinal);
        Assert.Contains("survey:rate:2:1", rounds[1], StringComparison.Ordinal);
        Assert.Equal(3, lines.Count(l => l.Contains("Thank you — you answered", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("Your comment is added to survey #1", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("Answer an open survey first", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("This survey is closed", StringComparison.Ordinal));
        var stats = Assert.Single(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("Survey satisfaction (1–5)", StringComparison.Ordinal));
        Assert.Matches(@"Survey satisfaction \(1–5\)\W+4[.,]5", stats);
    }

    /// <summary>Runs the script and checks that no feature failed on the way (a failing feature is logged and skipped, not printed).</summary>
    private static async Task<IReadOnlyList<string>> RunAsync(string script, IDictionary<string, string?>? settings = null)
    {
        using var logs = new ErrorLog();
        var lines = await ConsoleScript.RunAsync(script, settings: settings, configure: b => b.Logging.AddProvider(logs));
        Assert.Empty(logs.Errors);
        return lines;
    }

    private sealed class ErrorLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Errors { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Errors.Enqueue(formatter(state, exception) + " " + exception);
            }
        }

        public void Dispose()
        {
        }
    }
}
