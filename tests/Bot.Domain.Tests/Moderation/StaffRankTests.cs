using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

/// <summary>Nobody acts on themself or on someone of equal or higher rank (owner &gt; manager &gt; moderator).</summary>
public sealed class StaffRankTests
{
    private readonly ModerationHarness _h = new();

    public StaffRankTests()
    {
        _h.Grant("mod", StaffRole.Moderator);
        _h.Grant("mod2", StaffRole.Moderator);
        _h.Grant("boss", StaffRole.Manager);
        _h.Grant("own", StaffRole.Owner);
    }

    [Theory]
    [InlineData("timeout", "@boss 10m spam")]
    [InlineData("kick", "@boss spam")]
    [InlineData("ban", "@own spam")]
    [InlineData("warn", "@own spam")]
    [InlineData("timeout", "@mod2 10m spam")]
    public async Task A_moderator_cannot_sanction_an_equal_or_higher_rank(string name, string arguments)
    {
        foreach (var who in new[] { "boss", "own", "mod2" })
        {
            await _h.SeenAsync(who);
        }

        var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", name, arguments)));

        Assert.Contains("equal to or above yours", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Infractions);
    }

    [Fact]
    public async Task A_platform_administrator_seen_earlier_is_outranked_by_nobody_below_them()
    {
        // A Telegram chat creator is an owner by platform standing, not by a grant: remembered from their last event.
        await _h.RunAsync(new Events.MessagePosted("e-own", ModerationHarness.Community, _h.Time.GetUtcNow(), "general", "m-own",
            new Member(ModerationHarness.UserNamed("creator"), "creator", "creator", IsPlatformOwner: true), "hello"));

        var reply = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("boss", "ban", "@creator spam")));

        Assert.Contains("equal to or above yours", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Infractions);
    }

    [Fact]
    public async Task A_higher_rank_may_act_on_a_lower_one()
    {
        await _h.SeenAsync("mod");

        var actions = await _h.CommandAsync("boss", "timeout", "@mod 10m spam");

        Assert.Contains(actions, a => a is TimeoutMember { User.Id: "mod" });
    }

    [Fact]
    public async Task A_moderator_cannot_pardon_their_own_infraction_or_decide_their_own_appeal()
    {
        await _h.SeenAsync("mod");
        await _h.CommandAsync("boss", "warn", "@mod rude");
        await _h.CommandAsync("mod", "appeal", "1 unfair");

        var pardon = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "pardon", "1")));
        var accept = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "appeals", "accept 1")));
        var button = await _h.PressAsync("mod", "moderation:accept:1");

        Assert.Contains("to yourself", pardon.Text, StringComparison.Ordinal);
        Assert.Contains("is yours", accept.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(button, a => a is RemoveTimeout or UnbanMember);
        Assert.Null(Assert.Single(_h.Store.Infractions).PardonedAt);
        Assert.Equal(AppealStatus.Pending, Assert.Single(_h.Store.Appeals).Status);
    }
}
