using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Commands;

public sealed class RefusalThrottleTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "test");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly InMemoryCore _core = new();
    private readonly CommandRouter _router;

    public RefusalThrottleTests()
    {
        var catalog = new CommandCatalog([new StaffCommands(_core, _core, _core, new InMemoryChats())]);
        _router = new CommandRouter(catalog, _core, _core, PermissionTable.Default, FakeChatDirectory.Trusting(), new RefusalThrottle(_time));
    }

    private Task<IReadOnlyList<BotAction>> InvokeAsync(string caller, string name, string arguments = "", string? interaction = null, params StaffRole[] roles)
    {
        var member = new Member(new UserRef(Platform.Console, caller), caller, caller);
        return _router.HandleAsync(new EventContext
        {
            Event = new CommandInvoked("e", Community, _time.GetUtcNow(), "general", member, name, arguments, "m1", InteractionId: interaction),
            Settings = new CommunitySettings(Community, "en", "UTC"),
            Now = _time.GetUtcNow(),
            Actor = member,
            ActorRoles = roles.ToHashSet(),
        }, default);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(0, false)]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(-5, true)]
    public void A_refusal_is_due_a_minute_after_the_last_one_answered(int? secondsAgo, bool due)
    {
        var now = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(due, RefusalThrottle.Due(secondsAgo is { } s ? now.AddSeconds(-s) : null, now));
    }

    [Fact]
    public async Task A_flood_of_unknown_and_refused_commands_from_a_member_is_answered_once_a_minute()
    {
        var answered = 0;
        for (var i = 0; i < 50; i++)
        {
            answered += (await InvokeAsync("mallory", i % 2 == 0 ? "nosuchcommand" : "staff", i % 2 == 0 ? string.Empty : "grant @bob owner")).Count;
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        var another = await InvokeAsync("bob", "nosuchcommand");
        _time.Advance(TimeSpan.FromSeconds(10));
        var nextMinute = await InvokeAsync("mallory", "nosuchcommand");

        Assert.Equal(1, answered);
        var reply = Assert.IsType<Reply>(Assert.Single(another));
        Assert.True(reply.Ephemeral);
        Assert.Contains("Unknown command /nosuchcommand", Assert.IsType<Reply>(Assert.Single(nextMinute)).Text, StringComparison.Ordinal);
        Assert.Empty(_core.Grants);
    }

    [Fact]
    public async Task Staff_and_platform_interactions_are_answered_every_time()
    {
        var staff = 0;
        var interactions = 0;
        for (var i = 0; i < 5; i++)
        {
            staff += (await InvokeAsync("alice", "nosuchcommand", roles: StaffRole.Moderator)).Count;
            interactions += (await InvokeAsync("mallory", "staff", "grant @bob owner", interaction: "i" + i)).Count;
        }

        Assert.Equal(5, staff);
        Assert.Equal(5, interactions);
    }
}
