using Bot.Domain.Actions;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

public sealed class EscalationTests
{
    private readonly ModerationHarness _h = new();

    public EscalationTests()
    {
        _h.Grant("mod", StaffRole.Moderator);
        _h.SeenAsync("carol").GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Three_strikes_within_a_day_bring_a_timeout()
    {
        await _h.CommandAsync("mod", "warn", "@carol one");
        _h.Time.Advance(TimeSpan.FromHours(5));
        await _h.CommandAsync("mod", "warn", "@carol two");
        _h.Time.Advance(TimeSpan.FromHours(5));
        var actions = await _h.CommandAsync("mod", "warn", "@carol three");

        var timeout = Assert.Single(actions.OfType<TimeoutMember>());
        Assert.Equal(_h.Time.GetUtcNow().AddHours(1), timeout.Until);
        Assert.Contains(_h.Store.Infractions, i => i.Source == Enforcer.EscalationOf(3) && i.Points == 0);
        Assert.Contains("a timeout of 1h", Assert.Single(actions.OfType<DirectMessage>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strikes_decay_once_they_leave_the_window()
    {
        await _h.CommandAsync("mod", "warn", "@carol one");
        _h.Time.Advance(TimeSpan.FromHours(13));
        await _h.CommandAsync("mod", "warn", "@carol two");
        _h.Time.Advance(TimeSpan.FromHours(13));
        var actions = await _h.CommandAsync("mod", "warn", "@carol three");

        Assert.Empty(actions.OfType<TimeoutMember>());
        Assert.Contains("next strike: a timeout of 1h", Assert.Single(actions.OfType<DirectMessage>()).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_strikes_in_a_week_bring_a_ban_and_pardoned_ones_do_not_count()
    {
        for (var i = 0; i < 4; i++)
        {
            await _h.CommandAsync("mod", "warn", $"@carol {i}");
            _h.Time.Advance(TimeSpan.FromDays(1));
        }

        await _h.CommandAsync("mod", "pardon", "1");
        Assert.Empty((await _h.CommandAsync("mod", "warn", "@carol 5")).OfType<BanMember>());

        var actions = await _h.CommandAsync("mod", "warn", "@carol 6");
        var ban = Assert.Single(actions.OfType<BanMember>());
        Assert.Null(ban.Until);
    }

    [Fact]
    public async Task A_community_sets_its_own_ladder_and_bad_ladders_change_nothing()
    {
        var refused = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", "ladder 2/1h explode")));
        Assert.Contains("is not a ladder step", refused.Text, StringComparison.Ordinal);
        Assert.Null(_h.Store.Ladder);

        await _h.CommandAsync("mod", "rule", "ladder 2/1h kick");
        await _h.CommandAsync("mod", "warn", "@carol one");
        var actions = await _h.CommandAsync("mod", "warn", "@carol two");

        Assert.Single(actions.OfType<KickMember>());
        Assert.Equal("2/1h kick", _h.Store.Ladder);
    }

    [Theory]
    [InlineData("3/24h timeout 1h; 5/7d ban", 2)]
    [InlineData("1/1d warn", 1)]
    [InlineData("", 0)]
    [InlineData("3/24h delete", 0)]
    [InlineData("3/24h timeout", 0)]
    [InlineData("x/24h ban", 0)]
    public void Ladders_parse_or_are_refused(string text, int steps)
    {
        var (ladder, error) = EscalationLadder.Parse(text);

        Assert.Equal(steps, ladder?.Steps.Count ?? 0);
        Assert.Equal(steps == 0, error is not null);
    }
}
