using Bot.Adapters.Discord;
using Bot.Adapters.Discord.Commands;
using Bot.Adapters.Discord.Events;
using Bot.Adapters.Discord.Gateway;
using Bot.Adapters.Discord.Json;
using Bot.Domain.Commands;
using Bot.Domain.Core;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Adapters.Tests.Discord;

/// <summary>The pure parts: command registration payloads, option rendering, invite diffs, shards and limits.</summary>
public sealed class ProtocolDataTests
{
    private static readonly Texts CoreTexts = CoreText.Texts;

    [Fact]
    public void Commands_become_slash_commands_with_subcommands_choices_permissions_and_zh_TW()
    {
        var commands = SlashCommandBuilder.Build(new StaffCommands(null!, null!, null!, null!).Commands);

        var staff = commands.Single(c => c.Name == "staff");
        Assert.Equal(DiscordPermissions.ManageGuild.ToString(System.Globalization.CultureInfo.InvariantCulture), staff.DefaultMemberPermissions);
        Assert.Equal([0], staff.Contexts!);
        Assert.NotNull(staff.DescriptionLocalizations);
        Assert.NotEqual(staff.Description, staff.DescriptionLocalizations!["zh-TW"]);
        var grant = staff.Options!.Single(o => o.Name == "grant");
        Assert.Equal(1, grant.Type);
        Assert.Equal([(6, "user"), (3, "role")], grant.Options!.Select(o => (o.Type, o.Name)));
        Assert.Equal(["moderator", "support", "specialist", "manager", "owner"], grant.Options![1].Choices!.Select(c => c.Value));
        var channel = staff.Options!.Single(o => o.Name == "channel").Options!.Single();
        Assert.Equal((7, false), (channel.Type, channel.Required));
    }

    [Fact]
    public void A_choice_list_longer_than_discord_allows_is_typed_rather_than_cut_short()
    {
        var many = Enumerable.Range(1, 26).Select(i => $"m{i}").ToArray();
        var spec = new CommandSpec("export", "HelpDescription", Permission.Moderate, CoreTexts,
        [
            new("metric", OptionKind.Choice, "OptionUser", Choices: many),
            new("period", OptionKind.Choice, "OptionUser", Choices: many[..25]),
        ]);

        var options = Assert.Single(SlashCommandBuilder.Build([spec])).Options!;

        Assert.Equal((3, null), (options[0].Type, options[0].Choices));
        Assert.Equal(many[..25], options[1].Choices!.Select(c => c.Value));
    }

    [Fact]
    public void Required_options_come_first_and_integers_keep_their_bounds()
    {
        var spec = new CommandSpec("purge", "HelpDescription", Permission.Moderate, CoreTexts,
        [
            new("user", OptionKind.User, "OptionUser", Required: false),
            new("count", OptionKind.Integer, "OptionUser", Min: 1, Max: 100),
            new("why", OptionKind.Text, "OptionUser"),
        ]);

        var command = Assert.Single(SlashCommandBuilder.Build([spec]));

        Assert.Equal(["count", "why", "user"], command.Options!.Select(o => o.Name));
        Assert.Equal((1L, 100L), (command.Options![0].MinValue!.Value, command.Options![0].MaxValue!.Value));
        Assert.Equal(DiscordPermissions.ModerateMembers.ToString(System.Globalization.CultureInfo.InvariantCulture), command.DefaultMemberPermissions);
        Assert.Null(SlashCommandBuilder.DefaultPermission(Permission.Everyone));
    }

    [Fact]
    public void A_command_on_a_message_is_a_message_context_menu_command()
    {
        var spec = new CommandSpec("spam", "HelpDescription", Permission.Moderate, CoreTexts, OnMessage: true);

        var command = Assert.Single(SlashCommandBuilder.Build([spec]));

        Assert.Equal((3, "spam", string.Empty), (command.Type, command.Name, command.Description));
        Assert.Null(command.Options);
        Assert.Equal(DiscordPermissions.ModerateMembers.ToString(System.Globalization.CultureInfo.InvariantCulture), command.DefaultMemberPermissions);
    }

    [Fact]
    public void Slash_options_render_in_declared_order_with_quotes_where_needed()
    {
        var spec = new CommandSpec("warn", "HelpDescription", Permission.Moderate, CoreTexts,
        [
            new("user", OptionKind.User, "OptionUser"),
            new("title", OptionKind.Text, "OptionUser"),
            new("count", OptionKind.Integer, "OptionUser", Required: false),
            new("reason", OptionKind.Text, "OptionUser"),
        ]);
        var options = Options("""[{"name":"reason","type":3,"value":"spam and more"},{"name":"title","type":3,"value":"two words"},{"name":"user","type":6,"value":"31"},{"name":"count","type":4,"value":3}]""");
        var mentions = new List<UserRef>();

        var text = SlashArguments.Render(spec, options, mentions);

        Assert.Equal("<@31> \"two words\" 3 spam and more", text);
        Assert.Equal([new UserRef(Platform.Discord, "31")], mentions);
    }

    [Fact]
    public void Invite_diff_finds_the_one_that_went_up()
    {
        var before = Uses(("a", 1, 0), ("b", 4, 0));
        Assert.Equal(("b", true), InviteDiff.Attribute(before, Uses(("a", 1, 0), ("b", 5, 0))));
        Assert.Equal(("c", true), InviteDiff.Attribute(before, Uses(("a", 1, 0), ("b", 4, 0), ("c", 1, 0))));
    }

    [Fact]
    public void Invite_diff_is_uncertain_when_two_changed_at_once()
    {
        var before = Uses(("a", 1, 0), ("b", 4, 0));
        Assert.Equal(("a", false), InviteDiff.Attribute(before, Uses(("a", 2, 0), ("b", 5, 0))));
    }

    [Fact]
    public void Invite_diff_credits_a_used_up_invite_that_vanished()
    {
        Assert.Equal(("once", true), InviteDiff.Attribute(Uses(("a", 1, 0), ("once", 0, 1)), Uses(("a", 1, 0))));
        Assert.Equal(("gone", false), InviteDiff.Attribute(Uses(("a", 1, 0), ("gone", 3, 0)), Uses(("a", 1, 0))));
        Assert.Equal((null, false), InviteDiff.Attribute(Uses(("a", 1, 0)), Uses(("a", 1, 0))));
    }

    [Theory]
    [InlineData("0-3", 4, new[] { 0, 1, 2, 3 })]
    [InlineData("4, 0,2-2", 8, new[] { 0, 2, 4 })]
    public void Shard_ids_parse(string text, int count, int[] expected)
    {
        Assert.Null(ShardRange.TryParse(text, count, out var ids));
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("0-4", 4)]
    [InlineData("3-1", 8)]
    [InlineData("x", 8)]
    public void Bad_shard_ids_say_why(string text, int count) =>
        Assert.NotNull(ShardRange.TryParse(text, count, out _));

    [Fact]
    public void A_guild_lives_on_the_shard_of_its_timestamp_bits()
    {
        // The low 22 bits (worker, process, increment) do not matter; the timestamp does.
        const ulong guild = (123_456_789UL << 22) | 0x3FFFFF;
        Assert.Equal(123_456_789 % 4, ShardRange.ShardOf(guild, 4));
        Assert.Equal(123_456_789 % 7, ShardRange.ShardOf(guild, 7));
        Assert.Equal(0, ShardRange.ShardOf(guild, 1));
    }

    [Fact]
    public async Task The_send_limiter_allows_120_per_minute()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new SendLimiter(time);
        for (var i = 0; i < 120; i++)
        {
            await limiter.WaitAsync(CancellationToken.None);
        }

        var next = limiter.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Identify_waits_5_seconds_per_concurrency_bucket()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var gate = new IdentifyGate(time);
        gate.Configure(maxConcurrency: 2, remaining: 100, resetAfter: TimeSpan.FromHours(1));

        await gate.WaitAsync(0, CancellationToken.None);
        await gate.WaitAsync(1, CancellationToken.None); // another bucket: at once
        var shard2 = gate.WaitAsync(2, CancellationToken.None); // bucket 0 again
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(shard2.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.1));
        await shard2.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Options_never_print_the_token()
    {
        var options = new DiscordOptions { BotToken = "secret-token" };
        Assert.DoesNotContain("secret-token", options.ToString(), StringComparison.Ordinal);
    }

    private static Dictionary<string, InviteUse> Uses(params (string Code, int Uses, int Max)[] invites) =>
        invites.ToDictionary(i => i.Code, i => new InviteUse(i.Uses, i.Max));

    private static InteractionOption[] Options(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, DiscordJsonContext.Default.InteractionOptionArray)!;
}
