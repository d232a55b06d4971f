using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Moderation;

/// <summary>A platform interaction (a Discord slash command) is no message: a banned one is refused, not deleted.</summary>
public sealed class InteractionModerationTests
{
    private readonly ModerationHarness _h = new();

    private Task<IReadOnlyList<BotAction>> SlashAsync(string who, string name, string arguments) =>
        _h.RunAsync(new CommandInvoked(
            "ix-" + Guid.NewGuid().ToString("N"), ModerationHarness.Community, _h.Time.GetUtcNow(), "general",
            ModerationHarness.MemberNamed(who), name, arguments, MessageId: null, InteractionId: "ix1"));

    [Fact]
    public async Task A_slash_command_with_a_banned_keyword_is_refused_privately_with_an_infraction_and_not_run()
    {
        _h.Grant("mod", StaffRole.Moderator);
        await _h.CommandAsync("mod", "rule", "add keyword forbiddenword delete");

        var actions = await SlashAsync("carol", "appeal", "1 forbiddenword please");

        var refusal = Assert.Single(actions.OfType<Reply>());
        Assert.True(refusal.Ephemeral);
        Assert.Equal(("ix1", "carol"), (refusal.InteractionId, refusal.To!.Value.Id));
        Assert.Contains("rule #1", refusal.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(actions, a => a is DeleteMessage);
        Assert.Contains("/appeal 1", Assert.Single(actions.OfType<DirectMessage>()).Text, StringComparison.Ordinal);
        var infraction = Assert.Single(await _h.Store.InfractionsAsync(ModerationHarness.Community, ModerationHarness.UserNamed("carol"), DateTimeOffset.MinValue, default));
        Assert.Equal("rule:1", infraction.Source);
    }

    [Fact]
    public async Task A_clean_slash_command_runs_and_a_log_only_rule_refuses_nothing()
    {
        _h.Grant("mod", StaffRole.Moderator);
        await _h.CommandAsync("mod", "rule", "add keyword forbiddenword delete");
        var mode = Assert.IsType<Reply>(Assert.Single(await _h.CommandAsync("mod", "rule", "mode 1 log")));

        var banned = await SlashAsync("carol", "rank", "forbiddenword");
        var clean = await SlashAsync("dave", "rank", "hello");

        Assert.Contains("log", mode.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(banned, a => a is Reply { Text: var t } && t.Contains("not run", StringComparison.Ordinal));
        Assert.Empty(await _h.Store.InfractionsAsync(ModerationHarness.Community, ModerationHarness.UserNamed("carol"), DateTimeOffset.MinValue, default));
        Assert.DoesNotContain(clean, a => a is Reply { Text: var t } && t.Contains("not run", StringComparison.Ordinal));
    }
}
