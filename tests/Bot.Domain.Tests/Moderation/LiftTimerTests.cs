using Bot.Domain.Actions;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

public sealed class LiftTimerTests
{
    private readonly ModerationHarness _h = new();

    public LiftTimerTests() => _h.Grant("mod", StaffRole.Moderator);

    [Fact]
    public async Task A_lift_timer_names_the_member_by_pseudonym_and_lifts_by_the_id_it_carries()
    {
        await _h.SeenAsync("bob");

        var actions = await _h.CommandAsync("mod", "timeout", "@bob 10m spam");

        var timer = Assert.Single(actions.OfType<ScheduleTimer>());
        Assert.DoesNotContain("bob", timer.Key, StringComparison.Ordinal);
        Assert.Equal("1|bob", timer.Payload);
        _h.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Contains(await _h.TimerAsync(timer.Key, timer.Payload!), a => a is RemoveTimeout { User.Id: "bob" });
    }

    [Fact]
    public async Task A_timer_left_from_an_earlier_timeout_does_not_lift_a_later_one()
    {
        await _h.SeenAsync("bob");
        await _h.CommandAsync("mod", "timeout", "@bob 10m spam");
        _h.Time.Advance(TimeSpan.FromMinutes(5));
        await _h.CommandAsync("mod", "timeout", "@bob 1h spam again");
        _h.Time.Advance(TimeSpan.FromMinutes(5));

        // The first timeout's timer, in the format older releases scheduled (infraction id only).
        var fired = await _h.TimerAsync("untimeout:console:test:bob", "1");

        Assert.DoesNotContain(fired, a => a is RemoveTimeout);
    }
}
