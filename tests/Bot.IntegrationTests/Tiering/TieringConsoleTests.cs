using System.Text.RegularExpressions;
using Bot.IntegrationTests.Support;

namespace Bot.IntegrationTests.Tiering;

/// <summary><c>/rank</c> and <c>/invite</c> through the real host, across a restart (two runs on one database).</summary>
public sealed partial class TieringConsoleTests
{
    [Fact]
    public async Task Rank_promotion_invite_link_and_invitation_reward_work_end_to_end()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var first = await ConsoleScript.RunAsync(
            """
            alice: hello there everyone, nice to meet you
            bob -> m1: welcome alice, glad you are here
            :staff boss manager
            boss: /tier credit @alice 60 helped with the FAQ
            alice: /rank
            :advance 1d
            alice: /rank
            alice: /invite
            """,
            database);

        Assert.Contains(first, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("alice: Regular, score 63", StringComparison.Ordinal)
            && l.Contains("Active is reached at the next daily update", StringComparison.Ordinal));
        Assert.Contains(first, l => l.StartsWith("GrantRole user=alice role=\"Active member\"", StringComparison.Ordinal));
        Assert.Contains(first, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("alice: Active, score", StringComparison.Ordinal));
        Assert.Contains(first, l => l.StartsWith("CreateInviteLink forUser=alice", StringComparison.Ordinal));
        var link = Assert.Single(first.Select(l => LinkPattern().Match(l)), m => m.Success).Value;

        var second = await ConsoleScript.RunAsync(
            $"""
            :join carol {link}
            :join dave {link}
            carol: hello everyone, happy to be here
            carol: this community looks really great
            carol: thanks for having me here today
            :leave dave
            alice: /invites
            :advance 8d
            alice: /invites
            boss: /invites report
            """,
            database);

        Assert.Contains(second, l => l.Contains("alice's invitations: 1 pending, 0 qualified, 0 rewarded, 1 left", StringComparison.Ordinal));
        Assert.Contains(second, l => l.StartsWith("PostToStaff", StringComparison.Ordinal) && l.Contains("alice invited carol", StringComparison.Ordinal));
        Assert.Contains(second, l => l.StartsWith("DirectMessage user=alice", StringComparison.Ordinal) && l.Contains("20 contribution points", StringComparison.Ordinal));
        Assert.Contains(second, l => l.Contains("alice's invitations: 0 pending, 0 qualified, 1 rewarded, 1 left", StringComparison.Ordinal));
        Assert.Contains(second, l => l.Contains($"{link} (alice): 2 joins · 7 days 1/2", StringComparison.Ordinal));
        Assert.All(first.Concat(second), l => Assert.DoesNotContain("Error", l, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"https://console\.invalid/join/alice-\d+(?=\\n| |$)")]
    private static partial Regex LinkPattern();
}
