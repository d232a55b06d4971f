using Bot.Domain.Actions;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

public sealed class RaidSpamAppealTests
{
    private readonly ModerationHarness _h = new(new ModerationOptions { SpamMinTraining = 3, RaidMinJoinsPerMinute = 8 });

    [Fact]
    public async Task A_burst_of_joins_starts_raid_mode_and_calm_ends_it()
    {
        // A normal day: one join every ten minutes.
        for (var i = 0; i < 30; i++)
        {
            Assert.DoesNotContain(await _h.JoinAsync($"regular{i}"), a => a is RestrictNewMembers);
            _h.Time.Advance(TimeSpan.FromMinutes(10));
        }

        var actions = new List<BotAction>();
        for (var i = 0; i < 10; i++)
        {
            actions.AddRange(await _h.JoinAsync($"bot{i}"));
            _h.Time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Single(actions.OfType<RestrictNewMembers>(), r => r.Enabled);
        Assert.Single(actions.OfType<PostToStaff>(), p => p.Text.Contains("Raid mode ON", StringComparison.Ordinal));
        // The newcomer check is verification's (VerificationFeatureTests): moderation greets, holds and prompts no one.
        Assert.DoesNotContain(actions, a => a is SendMessage or DirectMessage or TimeoutMember);
        Assert.True(_h.Store.Raid.Active);

        // Still a burst when the first check comes: it waits again; then calm ends raid mode.
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        var early = await _h.TimerAsync($"raid-calm:{ModerationHarness.Community}", string.Empty);
        Assert.Single(early.OfType<ScheduleTimer>());
        _h.Time.Advance(_h.Options.RaidCalmAfter);
        var calm = await _h.TimerAsync($"raid-calm:{ModerationHarness.Community}", string.Empty);
        Assert.Single(calm.OfType<RestrictNewMembers>(), r => !r.Enabled);
        Assert.False(_h.Store.Raid.Active);
    }

    [Fact]
    public async Task An_old_raid_check_button_is_no_longer_moderations_and_raid_off_lifts_the_restriction()
    {
        _h.Grant("mod", StaffRole.Moderator);
        await _h.CommandAsync("mod", "raid", "on");

        Assert.Empty(await _h.JoinAsync("newbie", chat: "group-2"));
        Assert.Empty(await _h.PressAsync("newbie", "moderation:verify:newbie"));
        var off = await _h.CommandAsync("mod", "raid", "off");
        Assert.Single(off.OfType<RestrictNewMembers>(), r => !r.Enabled);
    }

    [Fact]
    public void Tokens_are_bigrams_for_chinese_and_words_for_latin_after_normalising()
    {
        Assert.Equal(SpamClassifier.Tokens("加微信"), SpamClassifier.Tokens("加 微 信"));
        Assert.Equal(["加微", "微信", "free", "money"], SpamClassifier.Tokens("加微信 FREE money!"));
    }

    [Fact]
    public async Task A_trained_classifier_removes_a_new_members_spam_and_learn_only_just_audits()
    {
        await TrainAsync();
        await _h.JoinAsync("newbie");

        var actions = await _h.SayAsync("newbie", "加微信 領紅包 免費送");

        Assert.Single(actions.OfType<DeleteMessage>());
        Assert.Single(actions.OfType<PostToStaff>(), p => p.Text.Contains("likely spam", StringComparison.Ordinal));
        Assert.Empty(await _h.SayAsync("newbie", "大家好，請問活動幾點開始"));

        var learnOnly = new ModerationHarness(new ModerationOptions { SpamMinTraining = 3, SpamLearnOnly = true });
        foreach (var (tokens, spam) in _h.Store.Tokens)
        {
            learnOnly.Store.Tokens[tokens] = spam;
        }

        learnOnly.Store.Docs = _h.Store.Docs;
        await learnOnly.JoinAsync("newbie");
        Assert.Empty(await learnOnly.SayAsync("newbie", "加微信 領紅包 免費送"));
        Assert.Contains(learnOnly.Core.Audit, a => a.Action == "would-act" && a.Source == "spam");
    }

    [Fact]
    public async Task An_established_members_sampled_message_trains_ham_and_one_without_tokens_trains_nothing()
    {
        var every = new ModerationHarness(new ModerationOptions { HamSampleEvery = 1 });
        await every.SeenAsync("carol");

        await every.SayAsync("carol", "see you at the meetup");
        await every.SayAsync("carol", "!!! 🙂");

        Assert.Equal((0, 1), every.Store.Docs);
        Assert.Equal((0, 1), every.Store.Tokens["meetup"]);
    }

    private async Task TrainAsync()
    {
        string[] spam = ["加微信領紅包", "免費送紅包 加微信", "領紅包 私訊加微信", "加我微信 免費送"];
        string[] ham = ["今天的講座幾點開始", "謝謝大家的分享", "請問活動在哪裡報名", "這個功能很好用"];
        foreach (var text in spam)
        {
            await _h.Store.TrainSpamAsync(ModerationHarness.Community, SpamClassifier.Tokens(text), spam: true, default);
        }

        foreach (var text in ham)
        {
            await _h.Store.TrainSpamAsync(ModerationHarness.Community, SpamClassifier.Tokens(text), spam: false, default);
        }
    }

    [Fact]
    public async Task Appeals_go_to_staff_are_decided_once_by_another_moderator_and_lift_the_penalty()
    {
        _h.Grant("mod", StaffRole.Moderator);
        _h.Grant("mod2", StaffRole.Moderator);
        await _h.SeenAsync("carol");
        await _h.CommandAsync("mod", "timeout", "@carol 1h rude");

        var refused = await _h.CommandAsync("dave", "appeal", "1 not me");
        Assert.Contains("not yours", Assert.IsType<Reply>(Assert.Single(refused)).Text, StringComparison.Ordinal);

        var filed = await _h.CommandAsync("carol", "appeal", "1 I was quoting someone");
        var post = Assert.Single(filed.OfType<PostToStaff>());
        Assert.Equal(["moderation:accept:1", "moderation:deny:1"], post.Buttons!.Select(b => b.Data));
        Assert.Contains("already been appealed", Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("carol", "appeal", "1 again"))).Text, StringComparison.Ordinal);

        Assert.Contains(await _h.PressAsync("carol", "moderation:accept:1"), a => a is DirectMessage d && d.Text.Contains("Only moderators", StringComparison.Ordinal));
        Assert.Contains(await _h.PressAsync("mod", "moderation:accept:1"), a => a is PostToStaff p && p.Text.Contains("another moderator", StringComparison.Ordinal));

        var accepted = await _h.PressAsync("mod2", "moderation:accept:1");
        Assert.Single(accepted.OfType<RemoveTimeout>());
        Assert.Single(accepted.OfType<CancelTimer>());
        Assert.NotNull(_h.Store.Infractions[0].PardonedAt);
        Assert.Contains(await _h.PressAsync("mod2", "moderation:deny:1"), a => a is PostToStaff p && p.Text.Contains("already been decided", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expiry_timer_lifts_the_penalty_it_names()
    {
        _h.Grant("mod", StaffRole.Moderator);
        await _h.SeenAsync("carol");
        var timer = Assert.Single((await _h.CommandAsync("mod", "ban", "@carol 2d scam")).OfType<ScheduleTimer>());
        Assert.Equal(_h.Time.GetUtcNow().AddDays(2), timer.At);

        _h.Time.Advance(TimeSpan.FromDays(2));
        var unban = Assert.Single((await _h.TimerAsync(timer.Key, timer.Payload)).OfType<UnbanMember>());

        Assert.Equal(ModerationHarness.UserNamed("carol"), unban.User);
        Assert.Contains(_h.Core.Audit, a => a.Action == "unban" && a.Source == "expiry");
    }
}
