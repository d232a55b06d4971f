using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

public sealed class ModerationCommandTests
{
    private readonly ModerationHarness _h = new();

    public ModerationCommandTests() => _h.Grant("mod", StaffRole.Moderator);

    [Theory]
    [InlineData("warn", "@bob spam")]
    [InlineData("timeout", "@bob 10m spam")]
    [InlineData("kick", "@bob spam")]
    [InlineData("ban", "@bob spam")]
    [InlineData("unban", "@bob")]
    [InlineData("untimeout", "@bob")]
    [InlineData("purge", "10")]
    [InlineData("infractions", "@bob")]
    [InlineData("pardon", "1")]
    [InlineData("rule", "add keyword spam delete")]
    [InlineData("rule", "list")]
    [InlineData("raid", "on")]
    [InlineData("spam", "")]
    public async Task Members_are_refused_and_nothing_changes(string name, string arguments)
    {
        await _h.SayAsync("bob", "hello");

        var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mallory", name, arguments)));

        Assert.Contains("may not use", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Rules);
        Assert.Empty(_h.Store.Infractions);
        Assert.False(_h.Store.Raid.Active);
    }

    [Theory]
    [InlineData("add keyword \"  \" delete", "pattern is empty")]
    [InlineData("add keyword \"!!, ..\" delete", "has no letters or digits")]
    [InlineData("add regex \"(unclosed\" delete", "not a valid regular expression")]
    [InlineData("add links example.com delete", "not a link list")]
    [InlineData("add mentions lots delete", "not a number of mentions")]
    [InlineData("add flood 5 delete", "not a rate like 5/10s")]
    [InlineData("add keyword spam explode", "is not an action")]
    [InlineData("add keyword spam timeout", "needs a duration")]
    [InlineData("add keyword spam timeout 60d", "needs a duration")]
    [InlineData("add keyword spam warn 1h", "is not an action")]
    [InlineData("add newmemberlinks soon delete", "not a duration like 24h")]
    public async Task Bad_rules_get_a_clear_error_and_save_nothing(string arguments, string error)
    {
        var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", arguments)));

        Assert.Contains(error, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Rules);
    }

    [Fact]
    public async Task Unknown_rule_ids_are_reported()
    {
        foreach (var arguments in new[] { "remove 9", "mode 9 log", "test 9", "exempt 9 role x" })
        {
            var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", arguments)));
            Assert.Contains("no rule #9", reply.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Rule_test_reports_hits_in_stored_messages_and_acts_on_nothing()
    {
        var at = _h.Time.GetUtcNow();
        _h.Store.Messages.Add(new StoredMessage(ModerationHarness.Community, "general", "m1", ModerationHarness.UserNamed("carol"), at.AddMinutes(-3), "線上賭 博 送彩金"));
        _h.Store.Messages.Add(new StoredMessage(ModerationHarness.Community, "general", "m2", ModerationHarness.UserNamed("dave"), at.AddMinutes(-2), "nice weather"));
        _h.Store.Messages.Add(new StoredMessage(ModerationHarness.Community, "general", "m3", ModerationHarness.UserNamed("erin"), at.AddMinutes(-1), "赌博网站"));
        await _h.CommandAsync("mod", "rule", "add keyword 賭博 ban");

        var actions = await _h.CommandAsync("mod", "rule", "test 1");

        var reply = Assert.IsType<Reply>(Assert.Single(actions));
        Assert.Contains("would hit 2 of the last 3 messages", reply.Text, StringComparison.Ordinal);
        Assert.Contains("賭 博", reply.Text, StringComparison.Ordinal);
        Assert.Contains("赌博", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Infractions);
    }

    [Fact]
    public async Task Rules_are_listed_changed_and_removed_with_an_audit_trail()
    {
        await _h.CommandAsync("mod", "rule", "add keyword \"free nitro\" timeout 1h");
        await _h.CommandAsync("mod", "rule", "mode 1 log");
        var list = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", "list")));
        Assert.Contains("#1 keyword free nitro → timeout 1h (log)", list.Text, StringComparison.Ordinal);

        await _h.CommandAsync("mod", "rule", "remove 1");

        Assert.Empty(_h.Store.Rules);
        Assert.Equal(["rule-add", "rule-mode", "rule-remove"], _h.Core.Audit.Where(a => a.Action.StartsWith("rule-", StringComparison.Ordinal)).Select(a => a.Action));
    }

    [Fact]
    public async Task Purge_deletes_the_latest_messages_of_this_channel()
    {
        for (var i = 0; i < 5; i++)
        {
            await _h.SayAsync("carol", $"message {i}", channel: i % 2 == 0 ? "general" : "other");
            _h.Time.Advance(TimeSpan.FromSeconds(30));
        }

        var actions = await _h.CommandAsync("mod", "purge", "2");

        var purge = Assert.Single(actions.OfType<DeleteMessages>());
        Assert.Equal("general", purge.ChannelId);
        Assert.Equal(2, purge.MessageIds.Count);
        Assert.Equal(purge.MessageIds.Count, purge.MessageIds.Distinct().Count());
        Assert.Contains(_h.Core.Audit, a => a.Action == "purge");
    }

    [Fact]
    public async Task Spam_on_a_reply_deletes_counts_a_strike_and_trains()
    {
        await _h.SayAsync("spammer", "加微信 領紅包");

        var actions = await _h.CommandAsync("mod", "spam", string.Empty, replyToMessageId: "m1");

        Assert.Single(actions.OfType<DeleteMessage>(), d => d.MessageId == "m1");
        Assert.Equal(ModerationHarness.UserNamed("spammer"), Assert.Single(_h.Store.Infractions).User);
        Assert.Equal(1, _h.Store.Docs.Spam);
        Assert.Contains("微信", _h.Store.Tokens.Keys);
        Assert.Contains("Use /spam as a reply", Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "spam", string.Empty))).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strings_exist_in_both_languages()
    {
        _h.Language = "zh-TW";
        var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", "add flood 5 delete")));

        Assert.Contains("頻率", reply.Text, StringComparison.Ordinal);
        var en = ModerationText.Texts.Resources.GetResourceSet(System.Globalization.CultureInfo.GetCultureInfo("en"), true, true)!;
        var zh = ModerationText.Texts.Resources.GetResourceSet(System.Globalization.CultureInfo.GetCultureInfo("zh-TW"), true, false)!;
        var enKeys = en.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order().ToList();
        var zhKeys = zh.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order().ToList();
        Assert.Equal(enKeys, zhKeys);
    }
}
