using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;

namespace Bot.Domain.Tests.Engagement;

public sealed class GiveawayTests
{
    private readonly EngagementHarness _h = new();

    private DateTimeOffset Now => _h.Clock.GetUtcNow();

    [Fact]
    public async Task Start_posts_the_commitment_with_an_enter_button_and_schedules_the_end_but_never_shows_the_seed()
    {
        var actions = await _h.CommandAsync("sam", "/giveaway start \"Steam key\" 2h 2 active account:30d", StaffRole.Specialist);

        var giveaway = _h.GiveawayStore.Giveaways[1];
        var post = Assert.IsType<Reply>(actions[0]);
        Assert.Contains("Steam key", post.Text, StringComparison.Ordinal);
        Assert.Contains(giveaway.Commitment, post.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(giveaway.Seed), post.Text, StringComparison.Ordinal);
        Assert.Equal("giveaway:enter:1", Assert.Single(post.Buttons!).Data);
        Assert.Equal("engagement:giveaway:1", post.Correlation);
        var timer = Assert.IsType<ScheduleTimer>(actions[1]);
        Assert.Equal(("engagement", "giveaway:1", Now.AddHours(2)), (timer.Feature, timer.Key, timer.At));
        Assert.Equal(new GiveawayRequirements(Tier.Active, TimeSpan.FromDays(30)), giveaway.Requirements);
        Assert.Equal(2, giveaway.Winners);
    }

    [Theory]
    [InlineData("/giveaway start Prize 2h 1 account30d", "is not an age requirement")]
    [InlineData("/giveaway start Prize 2h 1 wallet:3d", "is not an age requirement")]
    [InlineData("/giveaway start Prize soon", "soon")]
    [InlineData("/giveaway start Prize 2h 999", "999")]
    public async Task Bad_input_is_answered_and_nothing_is_stored(string line, string expected)
    {
        var reply = (await _h.CommandAsync("sam", line, StaffRole.Specialist)).SingleReply();

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.GiveawayStore.Giveaways);
    }

    [Fact]
    public async Task Members_may_not_start_a_giveaway()
    {
        var reply = (await _h.CommandAsync("mallory", "/giveaway start Prize 2h")).SingleReply();

        Assert.Contains("may not use /giveaway start", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.GiveawayStore.Giveaways);
    }

    [Fact]
    public async Task Entry_requirements_refuse_with_the_reason_and_store_nothing()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 2h 1 active member:7d", StaffRole.Specialist);
        _h.TierOf["bea"] = Tier.Core;
        _h.TierOf["cid"] = Tier.OpinionLeader;
        await _h.Members.JoinedAsync(EngagementHarness.Community, EngagementHarness.MemberOf("bea"), Now.AddDays(-2), CancellationToken.None);
        await _h.Members.JoinedAsync(EngagementHarness.Community, EngagementHarness.MemberOf("cid"), Now.AddDays(-30), CancellationToken.None);

        var tier = (await _h.PressAsync("ann", "giveaway:enter:1")).SingleReply();
        var young = (await _h.PressAsync("bea", "giveaway:enter:1")).SingleReply();
        var fine = (await _h.PressAsync("cid", "giveaway:enter:1")).SingleReply();
        var again = (await _h.PressAsync("cid", "giveaway:enter:1")).SingleReply();

        Assert.True(tier.Ephemeral);
        Assert.Contains("for tier active and above; your tier is regular", tier.Text, StringComparison.Ordinal);
        Assert.Contains("joined at least 7d ago", young.Text, StringComparison.Ordinal);
        Assert.Contains("You're in", fine.Text, StringComparison.Ordinal);
        Assert.Contains("already entered", again.Text, StringComparison.Ordinal);
        Assert.Equal(["cid"], _h.GiveawayStore.Entries[1].Select(e => e.UserId));
    }

    [Fact]
    public async Task Account_age_comes_from_the_platform_and_an_unknown_age_is_refused()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 2h 1 account:30d", StaffRole.Specialist);

        var unknown = (await _h.PressAsync("ann", "giveaway:enter:1")).SingleReply();
        var young = (await _h.PressAsync("bea", "giveaway:enter:1", accountCreated: Now.AddDays(-3))).SingleReply();
        var old = (await _h.PressAsync("cid", "giveaway:enter:1", accountCreated: Now.AddDays(-300))).SingleReply();

        Assert.Contains("did not tell me your account's age", unknown.Text, StringComparison.Ordinal);
        Assert.Contains("account at least 30d old", young.Text, StringComparison.Ordinal);
        Assert.Contains("You're in", old.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_end_timer_draws_recomputable_winners_reveals_the_seed_and_closes_the_post()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 1h 2", StaffRole.Specialist);
        await _h.CompleteAsync("engagement:giveaway:1", "b7");
        foreach (var name in new[] { "ann", "bea", "cid", "dan", "eve" })
        {
            await _h.PressAsync(name, "giveaway:enter:1");
        }

        _h.Clock.Advance(TimeSpan.FromHours(1));
        var actions = await _h.FireAsync("giveaway:1");

        var giveaway = _h.GiveawayStore.Giveaways[1];
        var expected = VerifiableDraw.Order(giveaway.Seed, ["ann", "bea", "cid", "dan", "eve"]).Take(2).ToList();
        Assert.Equal(expected, giveaway.DrawnIds);
        Assert.Equal(Now, giveaway.EndedAt);
        var result = Assert.IsType<SendMessage>(actions[0]);
        Assert.Contains(Convert.ToHexStringLower(giveaway.Seed), result.Text, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", expected), result.Text, StringComparison.Ordinal);
        var edit = Assert.IsType<EditMessage>(actions[1]);
        Assert.Equal("b7", edit.MessageId);
        Assert.Empty(edit.Buttons!);
        Assert.Contains(_h.Audit.Entries, e => e is { Action: "giveaway-end", Source: "timer" });

        var late = (await _h.PressAsync("fay", "giveaway:enter:1")).SingleReply();
        Assert.Contains("closed", late.Text, StringComparison.Ordinal);
        Assert.Empty(await _h.FireAsync("giveaway:1"));
    }

    [Fact]
    public async Task Staff_end_cancels_the_timer_and_a_late_timer_changes_nothing()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 1h", StaffRole.Specialist);
        await _h.PressAsync("ann", "giveaway:enter:1");

        var actions = await _h.CommandAsync("sam", "/giveaway end 1", StaffRole.Specialist);
        var drawn = _h.GiveawayStore.Giveaways[1].DrawnIds;
        _h.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Contains(actions, a => a is CancelTimer { Key: "giveaway:1" });
        Assert.Equal(["ann"], drawn);
        Assert.Empty(await _h.FireAsync("giveaway:1"));
        Assert.Contains("already ended", (await _h.CommandAsync("sam", "/giveaway end 1", StaffRole.Specialist)).SingleReply().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_keeps_the_seed_secret_before_the_end_and_confirms_the_draw_after_it()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 1h", StaffRole.Specialist);
        await _h.PressAsync("ann", "giveaway:enter:1");
        await _h.PressAsync("bea", "giveaway:enter:1");
        var seed = Convert.ToHexStringLower(_h.GiveawayStore.Giveaways[1].Seed);

        var early = (await _h.CommandAsync("ann", "/giveaway verify 1")).SingleReply();
        await _h.CommandAsync("sam", "/giveaway end 1", StaffRole.Specialist);
        var after = (await _h.CommandAsync("ann", "/giveaway verify 1")).SingleReply();

        Assert.DoesNotContain(seed, early.Text, StringComparison.Ordinal);
        Assert.Contains("has not ended", early.Text, StringComparison.Ordinal);
        Assert.StartsWith("✅", after.Text, StringComparison.Ordinal);
        Assert.Contains(seed, after.Text, StringComparison.Ordinal);
        Assert.Equal("ann\nbea", System.Text.Encoding.UTF8.GetString(after.File!.Content));
    }

    [Fact]
    public async Task Verify_reports_a_mismatch_when_the_winners_or_the_entries_were_tampered_with()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 1h", StaffRole.Specialist);
        foreach (var name in new[] { "ann", "bea", "cid" })
        {
            await _h.PressAsync(name, "giveaway:enter:1");
        }

        await _h.CommandAsync("sam", "/giveaway end 1", StaffRole.Specialist);
        var giveaway = _h.GiveawayStore.Giveaways[1];
        var loser = new[] { "ann", "bea", "cid" }.First(n => n != giveaway.DrawnIds[0]);

        Assert.True(GiveawayCommands.Verify(giveaway, ["ann", "bea", "cid"]));
        Assert.False(GiveawayCommands.Verify(giveaway with { Drawn = [loser] }, ["ann", "bea", "cid"]));
        Assert.False(GiveawayCommands.Verify(giveaway with { Commitment = VerifiableDraw.Commitment([1, 2, 3]) }, ["ann", "bea", "cid"]));
        _h.GiveawayStore.Giveaways[1] = giveaway with { Drawn = [loser] };
        Assert.StartsWith("❌", (await _h.CommandAsync("ann", "/giveaway verify 1")).SingleReply().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reroll_takes_the_next_places_of_the_same_order_and_is_audited()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 1h", StaffRole.Specialist);
        Assert.Contains("has not ended", (await _h.CommandAsync("sam", "/giveaway reroll 1", StaffRole.Specialist)).SingleReply().Text, StringComparison.Ordinal);
        foreach (var name in new[] { "ann", "bea", "cid" })
        {
            await _h.PressAsync(name, "giveaway:enter:1");
        }

        await _h.CommandAsync("sam", "/giveaway end 1", StaffRole.Specialist);
        var reply = (await _h.CommandAsync("sam", "/giveaway reroll 1 2", StaffRole.Specialist)).SingleReply();
        var giveaway = _h.GiveawayStore.Giveaways[1];

        Assert.Equal(VerifiableDraw.Order(giveaway.Seed, ["ann", "bea", "cid"]), giveaway.DrawnIds);
        Assert.Contains(string.Join(", ", giveaway.DrawnIds.Skip(1)), reply.Text, StringComparison.Ordinal);
        Assert.Contains(_h.Audit.Entries, e => e.Action == "giveaway-reroll" && e.Actor == new UserRef(Platform.Console, "sam"));
        Assert.True(GiveawayCommands.Verify(giveaway, ["ann", "bea", "cid"]));
        Assert.Contains("already been drawn", (await _h.CommandAsync("sam", "/giveaway reroll 1", StaffRole.Specialist)).SingleReply().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_entrants_means_no_winners_and_the_seed_is_still_revealed()
    {
        await _h.CommandAsync("sam", "/giveaway start Prize 1h", StaffRole.Specialist);

        var result = Assert.IsType<SendMessage>(Assert.Single(await _h.FireAsync("giveaway:1")));

        Assert.Contains("no entrants", result.Text, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(_h.GiveawayStore.Giveaways[1].Seed), result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Membership_age_falls_back_to_first_seen_when_no_join_was_recorded()
    {
        var now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var record = new MemberRecord(EngagementHarness.Community, new UserRef(Platform.Console, "x"), "x", null, now.AddDays(-10), now, null, null, null);
        var requirements = new GiveawayRequirements(MinMembershipAge: TimeSpan.FromDays(7));

        Assert.Null(EntryCheck.Check(requirements, EngagementHarness.MemberOf("x"), record, Tier.Regular, now));
        Assert.NotNull(EntryCheck.Check(requirements, EngagementHarness.MemberOf("x"), null, Tier.Regular, now));
    }
}
