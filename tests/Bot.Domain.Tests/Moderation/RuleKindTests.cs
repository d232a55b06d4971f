using Bot.Domain.Actions;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

public sealed class RuleKindTests
{
    private readonly ModerationHarness _h = new();

    private async Task AddRuleAsync(string arguments)
    {
        _h.Grant("mod", StaffRole.Moderator);
        var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", "add " + arguments)));
        Assert.Contains("added", reply.Text, StringComparison.Ordinal);
    }

    private static bool Deleted(IReadOnlyList<BotAction> actions) => actions.OfType<DeleteMessage>().Any();

    [Theory]
    [InlineData("來玩線上賭 博")]
    [InlineData("赌博网站")]
    [InlineData("賭.博")]
    [InlineData("賭\u200B博")]
    [InlineData("ｂｅｔ now")]
    [InlineData("b-e-t here")]
    [InlineData("𝐁𝐄𝐓 365")]
    public async Task Keyword_rules_see_through_evasions(string message)
    {
        await AddRuleAsync("keyword 賭博,bet delete");

        var actions = await _h.SayAsync("carol", message);

        Assert.True(Deleted(actions));
        var dm = Assert.Single(actions.OfType<DirectMessage>());
        Assert.Contains("/appeal 1", dm.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("better luck next time")]
    [InlineData("the alphabet")]
    [InlineData("賭神是一部電影")]
    public async Task Keyword_rules_leave_innocent_text_alone(string message)
    {
        await AddRuleAsync("keyword 賭博,bet delete");

        Assert.Empty(await _h.SayAsync("carol", message));
        Assert.Empty(_h.Store.Infractions);
    }

    [Fact]
    public async Task Regex_rules_match_the_raw_text()
    {
        await AddRuleAsync(@"regex ""\d{4}-\d{4}-\d{4}"" warn");

        var actions = await _h.SayAsync("carol", "card 1234-5678-9012 cheap");

        Assert.True(Deleted(actions));
        Assert.Equal(ActionKind.Warn, Assert.Single(_h.Store.Infractions).Action.Kind);
        Assert.Equal("1234-5678-9012", _h.Store.Infractions[0].Excerpt);
    }

    [Theory]
    [InlineData("deny:bad.example", "see https://www.bad.example/x", true)]
    [InlineData("deny:bad.example", "see https://good.example", false)]
    [InlineData("allow:github.com", "look at github.com/dotnet", false)]
    [InlineData("allow:github.com", "look at evil.io/login", true)]
    public async Task Link_rules_allow_or_deny_domains(string pattern, string message, bool hit)
    {
        await AddRuleAsync($"links {pattern} delete");

        Assert.Equal(hit, Deleted(await _h.SayAsync("carol", message)));
    }

    [Theory]
    [InlineData("join discord.gg/abcdef now", true)]
    [InlineData("our group t.me/+Xy12abc", true)]
    [InlineData("see discord.gg/ourown", false)]
    [InlineData("no invite here", false)]
    public async Task Invite_rules_catch_other_servers_and_groups(string message, bool hit)
    {
        await AddRuleAsync("invites ourown delete");

        Assert.Equal(hit, Deleted(await _h.SayAsync("carol", message)));
    }

    [Fact]
    public async Task Mention_rules_count_distinct_mentions()
    {
        await AddRuleAsync("mentions 3 timeout 10m");
        var four = new[] { "a", "b", "c", "d" }.Select(ModerationHarness.UserNamed).ToList();

        Assert.Empty(await _h.SayAsync("carol", "hi all", mentions: four.Take(3).ToList()));
        var actions = await _h.SayAsync("carol", "hi all", mentions: four);

        Assert.True(Deleted(actions));
        Assert.Single(actions.OfType<TimeoutMember>());
    }

    [Fact]
    public async Task Flood_rules_fire_on_the_nth_message_within_the_window()
    {
        await AddRuleAsync("flood 3/10s delete");

        Assert.Empty(await _h.SayAsync("carol", "one"));
        _h.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Empty(await _h.SayAsync("carol", "two"));
        _h.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(Deleted(await _h.SayAsync("carol", "three")));
        _h.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Empty(await _h.SayAsync("carol", "calm again"));
    }

    [Fact]
    public async Task Duplicate_rules_see_the_same_text_across_channels_and_spellings()
    {
        await AddRuleAsync("duplicates 3/60s delete");

        Assert.Empty(await _h.SayAsync("carol", "買粉絲 加我", channel: "a"));
        Assert.Empty(await _h.SayAsync("carol", "买 粉 丝，加我!", channel: "b"));
        Assert.Empty(await _h.SayAsync("dave", "買粉絲加我", channel: "a"));
        Assert.True(Deleted(await _h.SayAsync("carol", "買粉絲加我！！", channel: "c")));
    }

    [Fact]
    public async Task New_member_link_rules_apply_only_to_new_members()
    {
        await AddRuleAsync("newmemberlinks 24h delete");
        await _h.JoinAsync("newbie");

        Assert.True(Deleted(await _h.SayAsync("newbie", "free stuff at prizes.example")));
        Assert.Empty(await _h.SayAsync("old", "docs at learn.example"));
        _h.Time.Advance(TimeSpan.FromHours(25));
        Assert.Empty(await _h.SayAsync("newbie", "docs at learn.example"));
    }

    [Fact]
    public async Task Exemptions_by_role_tier_and_channel()
    {
        await AddRuleAsync("keyword spam delete");
        await _h.CommandAsync("mod", "rule", "exempt 1 role Trusted");
        await _h.CommandAsync("mod", "rule", "exempt 1 tier core");
        await _h.CommandAsync("mod", "rule", "exempt 1 channel #offtopic");
        _h.Store.Tiers[ModerationHarness.UserNamed("leader")] = "core";

        Assert.Empty(await _h.SayAsync("trusted", "spam", roles: "Trusted"));
        Assert.Empty(await _h.SayAsync("leader", "spam"));
        Assert.Empty(await _h.SayAsync("carol", "spam", channel: "offtopic"));
        Assert.True(Deleted(await _h.SayAsync("carol", "spam")));
    }

    [Fact]
    public async Task Staff_are_not_checked_and_log_mode_only_audits()
    {
        await AddRuleAsync("keyword spam ban");
        Assert.Empty(await _h.SayAsync("mod", "spam"));

        await _h.CommandAsync("mod", "rule", "mode 1 log");
        Assert.Empty(await _h.SayAsync("carol", "spam"));

        Assert.Empty(_h.Store.Infractions);
        Assert.Contains(_h.Core.Audit, a => a.Action == "would-act" && a.Target == ModerationHarness.UserNamed("carol"));
    }

    [Fact]
    public async Task The_harshest_enforced_hit_wins_and_marks_the_message_filtered()
    {
        await AddRuleAsync("keyword spam warn");
        await AddRuleAsync("links deny:bad.example ban 7d");

        var actions = await _h.SayAsync("carol", "spam at bad.example");

        var ban = Assert.Single(actions.OfType<BanMember>());
        Assert.Equal(_h.Time.GetUtcNow().AddDays(7), ban.Until);
        Assert.Single(actions.OfType<ScheduleTimer>(), t => t.Key.StartsWith("unban:", StringComparison.Ordinal));
        Assert.Single(_h.Store.Infractions);
    }
}
