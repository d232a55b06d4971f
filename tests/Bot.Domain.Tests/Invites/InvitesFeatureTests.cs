using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Invites;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Tiering;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Invites;

public sealed class InvitesFeatureTests
{
    private const string Link = "https://console.invalid/join/alice-1";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeInviteStore _store = new();
    private readonly FakeTieringStore _tiers = new();
    private readonly FakeMemberStore _members = new();
    private readonly InvitesOptions _options = new();
    private readonly InvitesFeature _feature;
    private int _events;

    public InvitesFeatureTests()
    {
        _feature = new InvitesFeature(_store, _members, new TierPoints(_tiers, new TieringOptions()), _options, new TieringOptions());
        _members.Add(World.Community, World.User("alice"), _time.GetUtcNow().AddYears(-1));
        _store.Links.Add(new InviteLink(World.Community, "alice-1", Link, World.User("alice"), _time.GetUtcNow()));
    }

    [Fact]
    public async Task Invite_creates_a_link_once_and_answers_with_it_when_the_platform_has_made_it()
    {
        _store.Links.Clear();
        var commands = new CommandHarness(new InvitesCommands(_store, _members, PermissionTable.Default), _members);

        var create = Assert.IsType<CreateInviteLink>(Assert.Single(await commands.RunAsync("/invite", "bob", _time.GetUtcNow())));
        Assert.Equal(World.User("bob"), create.ForUser);
        Assert.StartsWith(InvitesFeature.CorrelationPrefix, create.Correlation, StringComparison.Ordinal);

        var completed = new ActionCompleted("done:1", World.Community, _time.GetUtcNow(), create.Correlation!, true, Value: "https://t.me/+AbC");
        var reply = Assert.IsType<Reply>(Assert.Single(await HandleAsync(completed)));
        Assert.Contains("https://t.me/+AbC", reply.Text, StringComparison.Ordinal);
        Assert.Equal("+AbC", Assert.Single(_store.Links).Code);

        Assert.Empty(await HandleAsync(completed with { EventId = "done:again" }));
        var again = await commands.TextAsync("/invite", "bob", _time.GetUtcNow());
        Assert.Contains("https://t.me/+AbC", again, StringComparison.Ordinal);
        Assert.Single(_store.Links);
    }

    [Fact]
    public async Task An_invitee_qualifies_only_after_the_retention_window_and_the_inviter_is_rewarded_once()
    {
        var joined = await JoinAsync("carol");
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(joined));
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromDays(7), timer.At);

        for (var i = 0; i < 5; i++)
        {
            await PostAsync("carol", $"hello everyone, message {i}");
        }

        _time.Advance(TimeSpan.FromDays(3));
        var early = await FireAsync(timer.Key);
        Assert.Equal(timer.At, Assert.IsType<ScheduleTimer>(Assert.Single(early)).At);
        Assert.Empty(_tiers.Ledger);

        _time.Advance(TimeSpan.FromDays(4));
        var paid = await FireAsync(timer.Key);
        Assert.Contains("alice invited carol", Assert.Single(paid.OfType<PostToStaff>()).Text, StringComparison.Ordinal);
        Assert.Equal(World.User("alice"), Assert.Single(paid.OfType<DirectMessage>()).User);
        Assert.Equal(_options.RewardPoints, _tiers.Standings[World.User("alice")].Contribution, 6);
        Assert.Equal(InviteStatus.Rewarded, Assert.Single(_store.Joins).Status);

        Assert.Empty(await FireAsync(timer.Key));
        Assert.Single(_tiers.Ledger);
    }

    [Fact]
    public async Task A_leaver_is_not_counted()
    {
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(await JoinAsync("carol")));
        for (var i = 0; i < 5; i++)
        {
            await PostAsync("carol", $"hello everyone, message {i}");
        }

        _time.Advance(TimeSpan.FromDays(2));
        await HandleAsync(new MemberLeft($"e{++_events}", World.Community, _time.GetUtcNow(), World.User("carol")));
        _time.Advance(TimeSpan.FromDays(5));

        Assert.Empty(await FireAsync(timer.Key));
        Assert.Empty(_tiers.Ledger);
        Assert.Equal(new InviteSummary(0, 0, 0, 1, 0), await _store.SummaryAsync(World.Community, World.User("alice"), CancellationToken.None));
    }

    [Fact]
    public async Task Rejoins_self_invites_and_young_accounts_do_not_count()
    {
        _members.Add(World.Community, World.User("dave"), _time.GetUtcNow().AddDays(-30)); // seen here a month ago
        Assert.Empty(await JoinAsync("dave"));
        Assert.Empty(await JoinAsync("alice"));
        Assert.Empty(await JoinAsync("erin", accountAge: TimeSpan.FromDays(2)));

        Assert.Equal(
            [InviteStatus.Rejoin, InviteStatus.SelfInvite, InviteStatus.TooYoung],
            _store.Joins.Select(j => j.Status));
    }

    [Fact]
    public async Task Too_few_messages_wait_daily_until_the_deadline_then_expire()
    {
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(await JoinAsync("carol")));
        await PostAsync("carol", "hi"); // too short to count

        _time.Advance(TimeSpan.FromDays(7));
        var retry = Assert.IsType<ScheduleTimer>(Assert.Single(await FireAsync(timer.Key)));
        Assert.Equal(_time.GetUtcNow().AddDays(1), retry.At);

        _time.Advance(TimeSpan.FromDays(23));
        Assert.Empty(await FireAsync(timer.Key));
        Assert.Equal(InviteStatus.Expired, Assert.Single(_store.Joins).Status);
    }

    [Fact]
    public async Task An_uncertain_attribution_goes_to_staff_without_points()
    {
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(await JoinAsync("carol", certain: false)));
        for (var i = 0; i < 3; i++)
        {
            await PostAsync("carol", $"hello everyone, message {i}");
        }

        _time.Advance(TimeSpan.FromDays(7));
        var actions = await FireAsync(timer.Key);

        Assert.Contains("could not say for certain", Assert.IsType<PostToStaff>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Empty(_tiers.Ledger);
        Assert.Equal(InviteStatus.Qualified, Assert.Single(_store.Joins).Status);
    }

    private Task<IReadOnlyList<BotAction>> JoinAsync(string name, TimeSpan? accountAge = null, bool certain = true)
    {
        var member = World.Member(name, _time.GetUtcNow() - (accountAge ?? TimeSpan.FromDays(400)));
        if (!_members.Members.ContainsKey(member.User))
        {
            _members.Add(World.Community, member.User, _time.GetUtcNow());
        }

        return HandleAsync(new MemberJoined($"e{++_events}", World.Community, _time.GetUtcNow(), member, Link, certain));
    }

    private Task<IReadOnlyList<BotAction>> PostAsync(string author, string text) =>
        HandleAsync(new MessagePosted($"e{++_events}", World.Community, _time.GetUtcNow(), "general", $"m{_events}", World.Member(author), text));

    private Task<IReadOnlyList<BotAction>> FireAsync(string key) =>
        HandleAsync(new TimerFired($"e{++_events}", World.Community, _time.GetUtcNow(), InvitesFeature.TimerFeature, key, string.Empty, _time.GetUtcNow()));

    private Task<IReadOnlyList<BotAction>> HandleAsync(ChatEvent chatEvent) =>
        _feature.HandleAsync(World.Context(chatEvent, _time.GetUtcNow()), CancellationToken.None);
}
