using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Rules;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Fakes;
using Bot.Domain.Tests.Moderation;
using Bot.Domain.Verification;
using static Bot.Domain.Tests.TestContext;

namespace Bot.Domain.Tests.Journey;

/// <summary>The newcomer's way in, as data: join, held messages, their own button, the timeout.</summary>
public sealed class VerificationFeatureTests
{
    private readonly InMemoryVerification _store = new();
    private readonly InMemoryRules _rules = new();
    private readonly InMemoryCore _core = new();
    private readonly InMemoryModeration _moderation = new();
    private readonly VerificationOptions _options = new() { TimeoutMinutes = 10, RaidTimeoutMinutes = 5 };

    private VerificationFeature Feature() => new(_store, _rules, _options, _core, new RaidControl(_moderation, _core));

    private VerificationCommands Commands() => new(_store, _rules, _options, _core, new RaidControl(_moderation, _core));

    [Fact]
    public async Task With_verification_on_a_newcomer_is_greeted_held_once_explained_freed_by_their_button_and_otherwise_kicked()
    {
        _store.Settings = new VerificationSettings("Hi {name}!", Enabled: true);
        var nina = Member("nina");

        var joined = await Feature().HandleAsync(For(new MemberJoined("j1", TestContext.Community, Start, nina, ChannelId: "general", CommunityName: "Readers")), default);
        var first = await Feature().HandleAsync(For(Message("nina", "hello")), default);
        var second = await Feature().HandleAsync(For(Message("nina", "hello?")), default);
        var staff = await Feature().HandleAsync(For(Message("mo", "welcome!"), null, StaffRole.Moderator), default);
        var stranger = await Feature().HandleAsync(For(Press("max", VerificationButtons.Agree(nina.User))), default);
        var own = await Feature().HandleAsync(For(Press("nina", VerificationButtons.Agree(nina.User))), default);
        var after = await Feature().HandleAsync(For(Message("nina", "thanks")), default);
        var late = await Feature().HandleAsync(For(Timeout(nina.User)), default);

        var timer = Assert.IsType<ScheduleTimer>(joined[0]);
        Assert.Equal(Start.AddMinutes(10), timer.At);
        var greeting = Assert.IsType<SendMessage>(joined[1]);
        Assert.Equal("general", greeting.ChannelId);
        Assert.StartsWith("Hi nina!", greeting.Text, StringComparison.Ordinal);
        Assert.Equal(VerificationButtons.Agree(nina.User), Assert.Single(greeting.Buttons!).Data);
        Assert.IsType<DeleteMessage>(first[0]);
        Assert.IsType<DirectMessage>(first[1]);
        Assert.IsType<DeleteMessage>(Assert.Single(second));
        Assert.Empty(staff);
        Assert.Contains("for the member it welcomes", Assert.IsType<Reply>(Assert.Single(stranger)).Text, StringComparison.Ordinal);
        Assert.IsType<CancelTimer>(own[0]);
        Assert.Empty(after);
        Assert.Empty(late);
        Assert.DoesNotContain(_core.Audit, a => a.Action == "verify-kick");

        var omar = Member("omar");
        await Feature().HandleAsync(For(new MemberJoined("j2", TestContext.Community, Start, omar, ChannelId: "general")), default);
        var kicked = await Feature().HandleAsync(For(Timeout(omar.User)), default);

        Assert.Equal(omar.User, Assert.IsType<KickMember>(Assert.Single(kicked)).User);
        Assert.Contains(_core.Audit, a => a.Action == "verify-kick" && a.Target == omar.User);
    }

    [Fact]
    public async Task With_nothing_set_up_a_join_gets_no_greeting_and_messages_pass()
    {
        var joined = await Feature().HandleAsync(For(new MemberJoined("j1", TestContext.Community, Start, Member("ann"), ChannelId: "general")), default);
        var message = await Feature().HandleAsync(For(Message("ann", "hi")), default);

        Assert.Empty(joined);
        Assert.Empty(message);
    }

    [Fact]
    public async Task During_a_raid_with_verify_off_a_newcomer_gets_one_greeting_is_restricted_and_held_until_their_press_lifts_it_or_the_raid_timeout_removes_them()
    {
        _moderation.Raid = RaidState.Initial with { Active = true, ActiveSince = Start };
        var nina = Member("nina");

        var joined = await Feature().HandleAsync(For(new MemberJoined("j1", TestContext.Community, Start, nina, ChannelId: "general")), default);
        var held = await Feature().HandleAsync(For(Message("nina", "hello")), default);
        var stranger = await Feature().HandleAsync(For(Press("max", VerificationButtons.Agree(nina.User))), default);
        var own = await Feature().HandleAsync(For(Press("nina", VerificationButtons.Agree(nina.User))), default);
        var after = await Feature().HandleAsync(For(Message("nina", "thanks")), default);

        Assert.Equal(Start.AddMinutes(5), Assert.Single(joined.OfType<ScheduleTimer>()).At);
        var hold = Assert.Single(joined.OfType<TimeoutMember>());
        Assert.Equal((nina.User, Start.AddMinutes(5)), (hold.User, hold.Until));
        var greeting = Assert.Single(joined.OfType<SendMessage>());
        Assert.Contains("raid protection", greeting.Text, StringComparison.Ordinal);
        Assert.Equal(VerificationButtons.Agree(nina.User), Assert.Single(greeting.Buttons!).Data);
        Assert.Equal(3, joined.Count);
        Assert.IsType<DeleteMessage>(held[0]);
        Assert.Contains("5 minutes", Assert.IsType<DirectMessage>(held[1]).Text, StringComparison.Ordinal);
        Assert.IsType<Reply>(Assert.Single(stranger));
        Assert.IsType<CancelTimer>(own[0]);
        Assert.Equal(nina.User, Assert.IsType<RemoveTimeout>(own[1]).User);
        Assert.Contains("You can post now", Assert.IsType<Reply>(own[2]).Text, StringComparison.Ordinal);
        Assert.Empty(after);

        var omar = Member("omar");
        await Feature().HandleAsync(For(new MemberJoined("j2", TestContext.Community, Start, omar, ChannelId: "general")), default);
        _moderation.Raid = _moderation.Raid with { Active = false };
        var kicked = Assert.IsType<KickMember>(Assert.Single(await Feature().HandleAsync(For(Timeout(omar.User, 5)), default)));
        Assert.Equal(omar.User, kicked.User);
        Assert.Contains("5 minutes", kicked.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raid_never_loosens_the_timeout_and_a_platform_admin_is_neither_held_nor_restricted()
    {
        _moderation.Raid = RaidState.Initial with { Active = true };
        _options.TimeoutMinutes = 3;
        var admin = Member("ada") with { IsPlatformAdmin = true };

        var joined = await Feature().HandleAsync(For(new MemberJoined("j1", TestContext.Community, Start, Member("nina"), ChannelId: "general")), default);
        var adminJoined = await Feature().HandleAsync(For(new MemberJoined("j2", TestContext.Community, Start, admin, ChannelId: "general")), default);
        var noChat = await Feature().HandleAsync(For(new MemberJoined("j3", TestContext.Community, Start, Member("omar"))), default);

        Assert.Equal(Start.AddMinutes(3), Assert.Single(joined.OfType<ScheduleTimer>()).At);
        Assert.DoesNotContain(adminJoined, a => a is ScheduleTimer or TimeoutMember);
        Assert.Equal(VerificationButtons.Agree(Member("omar").User), Assert.Single(Assert.Single(noChat.OfType<DirectMessage>()).Buttons!).Data);
    }

    [Fact]
    public async Task Neither_a_raid_newcomers_press_nor_a_moderators_hand_verification_lifts_a_timeout_given_since()
    {
        _moderation.Raid = RaidState.Initial with { Active = true };
        var nina = Member("nina");
        var pia = Member("pia");
        await Feature().HandleAsync(For(new MemberJoined("j1", TestContext.Community, Start, nina, ChannelId: "general")), default);
        await Feature().HandleAsync(For(new MemberJoined("j2", TestContext.Community, Start, pia, ChannelId: "general")), default);
        foreach (var user in new[] { nina.User, pia.User })
        {
            await _moderation.AddInfractionAsync(new Infraction(0, TestContext.Community, user, new RuleAction(ActionKind.Timeout, TimeSpan.FromHours(1)), 1, "manual", "rude", null, Member("mo").User, Start, Start.AddHours(1)), default);
        }

        var pressed = await Feature().HandleAsync(For(Press("nina", VerificationButtons.Agree(nina.User))), default);
        var byHand = await Commands().HandleAsync(Call("verify member", pia.User), default);

        Assert.DoesNotContain(pressed, a => a is RemoveTimeout);
        Assert.Contains("cannot lift it", Assert.Single(pressed.OfType<Reply>()).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(byHand, a => a is RemoveTimeout);
        Assert.Contains("still runs until 2026-01-05 10:00", Assert.Single(byHand.OfType<Reply>()).Text, StringComparison.Ordinal);
        Assert.True((await _store.GetNewcomerAsync(TestContext.Community, pia.User, default))!.IsVerified);
    }

    [Fact]
    public async Task A_moderator_verifying_a_raid_newcomer_by_hand_lifts_the_restriction_and_the_wait()
    {
        _moderation.Raid = RaidState.Initial with { Active = true };
        var pia = Member("pia");
        await Feature().HandleAsync(For(new MemberJoined("j1", TestContext.Community, Start, pia, ChannelId: "general")), default);

        var byHand = await Commands().HandleAsync(Call("verify member", pia.User), default);

        Assert.IsType<CancelTimer>(byHand[0]);
        Assert.Equal(pia.User, Assert.IsType<RemoveTimeout>(byHand[1]).User);
        Assert.Contains("pia is verified", Assert.IsType<Reply>(byHand[2]).Text, StringComparison.Ordinal);
        Assert.Empty(await Feature().HandleAsync(For(Message("pia", "thanks")), default));
    }

    [Fact]
    public async Task An_old_raid_check_button_counts_as_I_agree_for_its_own_member_and_lifts_their_hold()
    {
        const string OldButton = "moderation:verify:nina";

        var stranger = await Feature().HandleAsync(For(Press("max", OldButton)), default);
        var own = await Feature().HandleAsync(For(Press("nina", OldButton)), default);

        Assert.Contains("for the member it welcomes", Assert.IsType<Reply>(Assert.Single(stranger)).Text, StringComparison.Ordinal);
        Assert.Equal(Member("nina").User, Assert.Single(own.OfType<RemoveTimeout>()).User);
        Assert.Contains("You can post now", Assert.Single(own.OfType<Reply>()).Text, StringComparison.Ordinal);
        Assert.True((await _store.GetNewcomerAsync(TestContext.Community, Member("nina").User, default))!.IsVerified);
    }

    private CommandCall Call(string path, UserRef user)
    {
        var parsed = new ParsedOptions();
        parsed.Set("user", user);
        var invoked = Command("mo", "verify", "member " + user.Id);
        return new CommandCall(invoked, path, Commands().Commands.Single(c => c.Name == "verify"), parsed, For(invoked, null, StaffRole.Moderator));
    }

    private static TimerFired Timeout(UserRef user, int minutes = 10) =>
        new("t-" + user.Id, TestContext.Community, Start.AddMinutes(minutes), VerificationFeature.Feature, VerificationFeature.TimeoutKey(user), user.Id, Start.AddMinutes(minutes));

    private sealed class InMemoryVerification : IVerificationStore
    {
        private readonly Dictionary<UserRef, Newcomer> _newcomers = [];

        public VerificationSettings Settings { get; set; } = VerificationSettings.Default;

        public Task<VerificationSettings> GetSettingsAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(Settings);

        public Task SetWelcomeAsync(CommunityRef community, string welcome, CancellationToken ct)
        {
            Settings = Settings with { Welcome = welcome };
            return Task.CompletedTask;
        }

        public Task SetEnabledAsync(CommunityRef community, bool enabled, CancellationToken ct)
        {
            Settings = Settings with { Enabled = enabled };
            return Task.CompletedTask;
        }

        public Task AddNewcomerAsync(CommunityRef community, UserRef user, DateTimeOffset joinedAt, bool raid, CancellationToken ct)
        {
            _newcomers[user] = new Newcomer(user, joinedAt, null, false, raid);
            return Task.CompletedTask;
        }

        public Task<Newcomer?> GetNewcomerAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult(_newcomers.GetValueOrDefault(user));

        public Task<Newcomer?> HeldAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
            Task.FromResult(_newcomers.GetValueOrDefault(user) is { IsVerified: false } held && (Settings.Enabled || held.Raid) ? held : null);

        public Task<bool> MarkExplainedAsync(CommunityRef community, UserRef user, CancellationToken ct)
        {
            var first = _newcomers[user] is { Explained: false };
            _newcomers[user] = _newcomers[user] with { Explained = true };
            return Task.FromResult(first);
        }

        public Task<bool> VerifyAsync(CommunityRef community, UserRef user, UserRef by, DateTimeOffset at, int rulesVersion, CancellationToken ct)
        {
            var before = _newcomers.GetValueOrDefault(user);
            _newcomers[user] = new Newcomer(user, before?.JoinedAt ?? at, at, true, before?.Raid ?? false);
            var changed = before is not { IsVerified: true };
            return Task.FromResult(changed);
        }

        public Task RemoveAsync(CommunityRef community, UserRef user, CancellationToken ct)
        {
            _newcomers.Remove(user);
            return Task.CompletedTask;
        }
    }

    private sealed class InMemoryRules : IRulesStore
    {
        public Task<PublishedRules?> GetAsync(CommunityRef community, CancellationToken ct) => Task.FromResult<PublishedRules?>(null);

        public Task<PublishedRules> SetAsync(CommunityRef community, string text, UserRef by, DateTimeOffset at, CancellationToken ct) =>
            Task.FromResult(new PublishedRules(community, text, 1, by, at));

        public Task<IReadOnlyList<RulesPin>> PinsAsync(CommunityRef community, CancellationToken ct) => Task.FromResult<IReadOnlyList<RulesPin>>([]);

        public Task<bool> AddChatAsync(CommunityRef community, string channelId, CancellationToken ct) => Task.FromResult(true);

        public Task SetPinnedAsync(CommunityRef community, string channelId, string messageId, int version, CancellationToken ct) => Task.CompletedTask;
    }
}
