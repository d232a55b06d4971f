using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

/// <summary>Moderator-written patterns run in linear time; a check that still times out never lets the message through.</summary>
public sealed class RegexSafetyTests
{
    private static readonly CommunityRef Community = ModerationHarness.Community;

    private static MessageFacts Facts(string text) =>
        new(text, "general", ModerationHarness.MemberNamed("carol"), 0, DateTimeOffset.UnixEpoch, null, null, new HashSet<StaffRole>(), null);

    private static ModerationRule Rule(RuleKind kind, string pattern) =>
        new(1, Community, kind, pattern, RuleAction.Delete, RuleMode.Enforce, RuleExemptions.None, ModerationHarness.UserNamed("mod"), DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(@"(a+)\1")]
    [InlineData(@"free(?=money)")]
    [InlineData(@"(?<!no )spam")]
    [InlineData(@"(?>a+)b")]
    public async Task A_pattern_that_needs_backtracking_is_refused_with_the_reason(string pattern)
    {
        var h = new ModerationHarness();
        h.Grant("mod", StaffRole.Moderator);

        var reply = Assert.IsType<Reply>(Assert.Single(await h.CommandAsync("mod", "rule", $"add regex \"{pattern}\" delete")));

        Assert.Contains("needs backtracking", reply.Text, StringComparison.Ordinal);
        Assert.Empty(h.Store.Rules);
    }

    [Fact]
    public void A_pattern_that_explodes_with_backtracking_finishes_and_matches()
    {
        // (a+)+b on a long run of a's is the classic catastrophic case for a backtracking engine.
        var (pattern, error) = RuleParser.ParsePattern(RuleKind.Regex, "(a+)+b");
        Assert.Null(error);
        var set = new RuleSet([Rule(RuleKind.Regex, pattern!)]);

        Assert.Empty(set.Evaluate(Facts(new string('a', 5000) + "!")));
        Assert.Single(set.Evaluate(Facts(new string('a', 5000) + "b")));
    }

    [Fact]
    public void A_saved_backtracking_pattern_that_times_out_counts_as_a_hit_not_a_pass()
    {
        // Saved before patterns were checked: it still runs with backtracking and its timeout.
        var set = new RuleSet([Rule(RuleKind.Regex, @"^(a+)+\1$")]);

        var hit = Assert.Single(set.Evaluate(Facts(new string('a', 40) + "!")));

        Assert.Equal(1, hit.Rule.Id);
    }

    [Fact]
    public void The_link_scanners_own_timeout_is_caught_and_counts_as_a_hit()
    {
        // Host-like text with no valid top-level domain makes the link pattern's work grow with the square of the length.
        var text = string.Concat(Enumerable.Repeat("a1.", 200_000));
        var set = new RuleSet([Rule(RuleKind.Links, "deny:bad.example")]);

        var hit = Assert.Single(set.Evaluate(Facts(text)));

        Assert.Equal(RuleKind.Links, hit.Rule.Kind);
    }
}
