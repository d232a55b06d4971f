using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Rules;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Fakes;
using Bot.Domain.Verification;
using static Bot.Domain.Tests.TestContext;

namespace Bot.Domain.Tests.Journey;

/// <summary>The newcomer's way in, as data: join, held messages, their own button, the timeout.</summary>
public sealed class VerificationFeatureTests
{
    private readonly InMemoryVerification _store = new();
    private readonly InMemoryRules _rules = new();
    private readonly InMemoryCore _core = new();

    private VerificationFeature Feature() => new(_store, _rules, new VerificationOptions { TimeoutMinutes = 10 }, _core);

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

    private static TimerFired Timeout(UserRef user) =>
        new("t-" + user.Id, TestContext.Community, Start.AddMinutes(10), VerificationFeature.Feature, VerificationFeature.TimeoutKey(user), user.Id, Start.AddMinutes(10));

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

        public Task AddNewcomerAsync(CommunityRef community, UserRef user, DateTimeOffset joinedAt, CancellationToken ct)
        {
            _newcomers[user] = new Newcomer(user, joinedAt, null, false);
            return Task.CompletedTask;
        }

        public Task<Newcomer?> GetNewcomerAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult(_newcomers.GetValueOrDefault(user));

        public Task<Newcomer?> HeldAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
            Task.FromResult(Settings.Enabled && _newcomers.GetValueOrDefault(user) is { IsVerified: false } held ? held : null);

        public Task<bool> MarkExplainedAsync(CommunityRef community, UserRef user, CancellationToken ct)
        {
            var first = _newcomers[user] is { Explained: false };
            _newcomers[user] = _newcomers[user] with { Explained = true };
            return Task.FromResult(first);
        }

        public Task<bool> VerifyAsync(CommunityRef community, UserRef user, UserRef by, DateTimeOffset at, int rulesVersion, CancellationToken ct)
        {
            var changed = _newcomers.GetValueOrDefault(user) is not { IsVerified: true };
            _newcomers[user] = new Newcomer(user, at, at, true);
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
