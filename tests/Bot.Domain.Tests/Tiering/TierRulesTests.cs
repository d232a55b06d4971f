using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Tiering;

public sealed class TierRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 4, 0, 0, TimeSpan.Zero);
    private static readonly TierPolicy Policy = new TieringOptions().PolicyFor(new TierThresholds(50, 300, 1000));

    [Fact]
    public async Task Points_halve_every_half_life()
    {
        var time = new FakeTimeProvider(Now);
        var store = new FakeTieringStore();
        var options = new TieringOptions { HalfLifeDays = 10 };
        var points = new TierPoints(store, options);
        await points.CreditAsync(new PointEntry(World.Community, World.User("alice"), time.GetUtcNow(), PointKind.Credit, 100, null, null, null), CancellationToken.None);

        time.Advance(TimeSpan.FromDays(10));
        Assert.Equal(50, store.Standings[World.User("alice")].DecayedTo(time.GetUtcNow(), options.HalfLife).Score, 9);

        time.Advance(TimeSpan.FromDays(5));
        var afterCredit = await points.AddActivityAsync(World.Community, World.User("alice"), PointKind.Message, 1, time.GetUtcNow(), CancellationToken.None);
        Assert.Equal(100 * Math.Pow(0.5, 1.5) + 1, afterCredit.Score, 9);
        Assert.Equal(1, afterCredit.Activity, 9);

        time.Advance(TimeSpan.FromDays(20));
        Assert.Equal((100 * Math.Pow(0.5, 1.5) + 1) / 4, store.Standings[World.User("alice")].DecayedTo(time.GetUtcNow(), options.HalfLife).Score, 9);
    }

    [Theory]
    [InlineData(Tier.Regular, 49.9, Tier.Regular)]
    [InlineData(Tier.Regular, 50, Tier.Active)]
    [InlineData(Tier.Regular, 5000, Tier.Core)] // never opinion leader by score alone
    [InlineData(Tier.Active, 300, Tier.Core)]
    [InlineData(Tier.Core, 5000, Tier.Core)]
    [InlineData(Tier.OpinionLeader, 300, Tier.OpinionLeader)]
    public void Thresholds_promote_at_once(Tier current, double score, Tier expected) =>
        Assert.Equal(new TierRules.Outcome(expected, null), TierRules.Decide(current, score, null, Policy, Now));

    [Fact]
    public void Demotion_waits_for_the_whole_grace_period()
    {
        var first = TierRules.Decide(Tier.Core, 120, null, Policy, Now);
        Assert.Equal(new TierRules.Outcome(Tier.Core, Now), first);

        var during = TierRules.Decide(Tier.Core, 120, first.BelowSince, Policy, Now + Policy.DemotionGrace - TimeSpan.FromHours(1));
        Assert.Equal(new TierRules.Outcome(Tier.Core, Now), during);

        var recovered = TierRules.Decide(Tier.Core, 310, first.BelowSince, Policy, Now + TimeSpan.FromDays(3));
        Assert.Equal(new TierRules.Outcome(Tier.Core, null), recovered);

        var after = TierRules.Decide(Tier.Core, 120, first.BelowSince, Policy, Now + Policy.DemotionGrace);
        Assert.Equal(new TierRules.Outcome(Tier.Active, null), after);

        var leader = TierRules.Decide(Tier.OpinionLeader, 10, Now - Policy.DemotionGrace, Policy, Now);
        Assert.Equal(new TierRules.Outcome(Tier.Regular, null), leader);
    }

    [Fact]
    public void A_core_member_at_leader_score_is_nominated_unless_pending_or_recently_decided()
    {
        Assert.True(TierRules.ShouldNominate(Tier.Core, 1000, null, pending: false, Policy, Now));
        Assert.False(TierRules.ShouldNominate(Tier.Active, 1000, null, pending: false, Policy, Now));
        Assert.False(TierRules.ShouldNominate(Tier.Core, 999, null, pending: false, Policy, Now));
        Assert.False(TierRules.ShouldNominate(Tier.Core, 1000, null, pending: true, Policy, Now));
        Assert.False(TierRules.ShouldNominate(Tier.Core, 1000, Now - TimeSpan.FromDays(29), pending: false, Policy, Now));
        Assert.True(TierRules.ShouldNominate(Tier.Core, 1000, Now - TimeSpan.FromDays(30), pending: false, Policy, Now));
    }

    [Fact]
    public async Task A_threshold_out_of_order_is_refused_and_changes_nothing()
    {
        var store = new FakeTieringStore();
        var members = new FakeMemberStore();
        var options = new TieringOptions();
        var commands = new CommandHarness(TierCommandsFor.Build(store, members, options), members);

        var refused = await commands.TextAsync("/tier threshold core 40", "manager", Now, [StaffRole.Manager]);
        Assert.Contains("must rise", refused, StringComparison.Ordinal);
        Assert.Null(store.Community);

        var set = await commands.TextAsync("/tier threshold core 200", "manager", Now, [StaffRole.Manager]);
        Assert.Contains("200", set, StringComparison.Ordinal);
        Assert.Equal(new TierThresholds(50, 200, 1000), store.Community!.Thresholds);

        var notStaff = await commands.TextAsync("/tier threshold core 250", "alice", Now);
        Assert.Contains("You may not use /tier threshold", notStaff, StringComparison.Ordinal);
        Assert.Equal(200, store.Community.Thresholds.Core);
    }

    [Fact]
    public void Options_with_thresholds_out_of_order_fail_validation()
    {
        var options = new TieringOptions { ActiveThreshold = 500 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("must rise", StringComparison.Ordinal));
    }
}
