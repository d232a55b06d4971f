using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Tiering;

public sealed class ContributionCommandsTests
{
    private static readonly StaffRole[] Manager = [StaffRole.Manager];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeTieringStore _store = new();
    private readonly FakeMemberStore _members = new();
    private readonly TieringOptions _options = new();
    private readonly CommandHarness _commands;

    public ContributionCommandsTests()
    {
        foreach (var name in new[] { "alice", "bob", "carol", "dave", "erin" })
        {
            _members.Add(World.Community, World.User(name), _time.GetUtcNow());
        }

        _commands = new CommandHarness(TierCommandsFor.Build(_store, _members, _options), _members);
    }

    [Fact]
    public async Task Thanks_are_limited_per_day_and_never_to_oneself()
    {
        Assert.Contains("cannot thank yourself", await Thanks("alice"), StringComparison.Ordinal);
        foreach (var name in new[] { "bob", "carol", "dave" })
        {
            Assert.Contains("thanked", await Thanks(name), StringComparison.Ordinal);
        }

        Assert.Contains("today's 3 thanks", await Thanks("erin"), StringComparison.Ordinal);
        Assert.False(_store.Standings.ContainsKey(World.User("erin")));

        _time.Advance(TimeSpan.FromDays(1));
        Assert.Contains("thanked", await Thanks("erin"), StringComparison.Ordinal);
        Assert.Equal(_options.ThanksPoints, _store.Standings[World.User("erin")].Contribution, 6);
    }

    [Fact]
    public async Task Rank_shows_score_tier_and_the_points_to_the_next_tier()
    {
        await _commands.TextAsync("/tier credit @bob 30 answered the FAQ", "boss", _time.GetUtcNow(), Manager);
        await _commands.TextAsync("/tier spend @bob 100", "boss", _time.GetUtcNow(), Manager);

        var rank = await _commands.TextAsync("/rank @bob", "alice", _time.GetUtcNow());

        Assert.Contains("bob: Regular, score 40 (activity 0, contribution 30, spending 10)", rank, StringComparison.Ordinal);
        Assert.Contains("10 more points to Active", rank, StringComparison.Ordinal);
    }

    private Task<string> Thanks(string to) => _commands.TextAsync($"/thanks @{to} for the help", "alice", _time.GetUtcNow());
}
