using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Tiering;

public sealed class ApprovalFlowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 4, 0, 0, TimeSpan.Zero));
    private readonly FakeTieringStore _store = new();
    private readonly TieringOptions _options = new();
    private readonly TieringFeature _feature;

    public ApprovalFlowTests()
    {
        _feature = new TieringFeature(_store, new TierPoints(_store, _options), _options, PermissionTable.Default, new Bot.Domain.Tests.Tickets.FakeMessageLog());
        _store.Community = new TierCommunity(World.Community, _options.DefaultThresholds, null, RecomputeScheduled: true);
        _store.Names[World.User("alice")] = "Alice";
    }

    [Fact]
    public async Task Daily_recomputation_promotes_by_score_and_posts_a_nomination_for_a_manager()
    {
        Seed("alice", Tier.Core, 1200);
        Seed("bob", Tier.Regular, 60);

        var actions = await RecomputeAsync();

        Assert.Contains(new GrantRole(World.Community, World.User("bob"), _options.ActiveRole, "Tier changed from Regular to Active"), actions);
        Assert.Contains(actions, a => a is DirectMessage { Text: var t } dm && dm.User == World.User("bob") && t.Contains("is now Active", StringComparison.Ordinal));
        var post = Assert.Single(actions.OfType<PostToStaff>());
        Assert.Contains("Alice", post.Text, StringComparison.Ordinal);
        Assert.Equal(["tier:approve:1", "tier:reject:1"], post.Buttons!.Select(b => b.Data));
        Assert.Equal(Tier.Core, _store.Standings[World.User("alice")].Tier);

        Assert.Empty((await RecomputeAsync()).OfType<PostToStaff>()); // still pending: not nominated twice
    }

    [Fact]
    public async Task Only_a_manager_approves_and_approval_makes_an_opinion_leader_once()
    {
        Seed("alice", Tier.Core, 1200);
        await RecomputeAsync();

        var refused = await PressAsync("tier:approve:1", "mod", StaffRole.Moderator);
        Assert.Contains("Only a manager", Assert.IsType<Reply>(Assert.Single(refused)).Text, StringComparison.Ordinal);
        Assert.Equal(Tier.Core, _store.Standings[World.User("alice")].Tier);

        var approved = await PressAsync("tier:approve:1", "boss", StaffRole.Manager);
        Assert.Contains(new RevokeRole(World.Community, World.User("alice"), _options.CoreRole, "Tier changed from Core to Opinion leader"), approved);
        Assert.Contains(new GrantRole(World.Community, World.User("alice"), _options.OpinionLeaderRole, "Tier changed from Core to Opinion leader"), approved);
        var edit = Assert.Single(approved.OfType<EditMessage>());
        Assert.Contains("approved by boss", edit.Text, StringComparison.Ordinal);
        Assert.Null(edit.Buttons);
        Assert.Equal(Tier.OpinionLeader, _store.Standings[World.User("alice")].Tier);

        var again = await PressAsync("tier:reject:1", "boss", StaffRole.Manager);
        Assert.Contains("already decided", Assert.IsType<Reply>(Assert.Single(again)).Text, StringComparison.Ordinal);
        Assert.Equal(Tier.OpinionLeader, _store.Standings[World.User("alice")].Tier);
    }

    [Fact]
    public async Task A_rejected_member_is_not_nominated_again_within_the_cooldown()
    {
        Seed("alice", Tier.Core, 5000);
        await RecomputeAsync();
        var rejected = await PressAsync("tier:reject:1", "boss", StaffRole.Manager);
        Assert.Contains("rejected by boss", Assert.Single(rejected.OfType<EditMessage>()).Text, StringComparison.Ordinal);
        Assert.Equal(Tier.Core, _store.Standings[World.User("alice")].Tier);

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Empty((await RecomputeAsync()).OfType<PostToStaff>());

        _time.Advance(TimeSpan.FromDays(_options.NominationCooldownDays));
        Assert.Single((await RecomputeAsync()).OfType<PostToStaff>());
    }

    [Fact]
    public async Task A_member_whose_score_fell_is_demoted_only_after_the_grace_period_and_told_privately()
    {
        Seed("bob", Tier.Active, 20);

        Assert.Empty(await RecomputeAsync());
        _time.Advance(TimeSpan.FromDays(_options.DemotionGraceDays - 1));
        Assert.Empty(await RecomputeAsync());
        _time.Advance(TimeSpan.FromDays(1));
        var demoted = await RecomputeAsync();

        Assert.Contains(new RevokeRole(World.Community, World.User("bob"), _options.ActiveRole, "Tier changed from Active to Regular"), demoted);
        Assert.DoesNotContain(demoted, a => a is GrantRole or SendMessage);
        Assert.Single(demoted.OfType<DirectMessage>());
    }

    private void Seed(string name, Tier tier, double contribution) =>
        _store.Standings[World.User(name)] = TierStanding.New(World.Community, World.User(name), _time.GetUtcNow()) with { Contribution = contribution, Tier = tier };

    private async Task<IReadOnlyList<BotAction>> RecomputeAsync()
    {
        var now = _time.GetUtcNow();
        var timer = new TimerFired($"t{now.Ticks}", World.Community, now, TieringFeature.TimerFeature, TieringFeature.RecomputeKey, string.Empty, now);
        return await _feature.HandleAsync(World.Context(timer, now), CancellationToken.None);
    }

    private Task<IReadOnlyList<BotAction>> PressAsync(string data, string by, StaffRole role)
    {
        var press = new ButtonPressed($"b{data}{by}", World.Community, _time.GetUtcNow(), "staff", "b7", World.Member(by), data);
        return _feature.HandleAsync(World.Context(press, _time.GetUtcNow(), role), CancellationToken.None);
    }
}
