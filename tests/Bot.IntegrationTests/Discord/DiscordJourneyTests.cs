using Bot.Adapters.Tests.Discord.Fakes;
using static Bot.Adapters.Tests.Discord.Fakes.DiscordBotRun;

namespace Bot.IntegrationTests.Discord;

/// <summary>Rules pinned and the newcomer's welcome button, through the real host and a loopback Discord (gateway and REST).</summary>
public sealed class DiscordJourneyTests
{
    private const string Guild = """
        {"id":"10","name":"Guild Ten","owner_id":"99","system_channel_id":"30",
         "roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0},{"id":"30","type":0}]}
        """;

    [Fact]
    public async Task Rules_are_pinned_and_a_newcomer_gets_a_welcome_whose_button_only_they_can_use()
    {
        await using var bot = await StartAsync();
        await bot.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        // Interactions skip the shard's queue: the guild (its owner) must be in before the owner's command.
        await bot.Fake.WaitForAsync("GET", "/guilds/10/invites");

        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Slash("1311768467294899701", "10", "20", "99", "rules", """
            [{"type":1,"name":"set","options":[{"type":3,"name":"text","value":"Be kind.\\nNo spam."}]}]
            """));
        var rules = await bot.PostedAsync("20", "Community rules (version 1)");
        await bot.WaitForAsync(r => r.Method == "PUT" && r.Path == $"/channels/20/pins/{bot.IdOf(rules)}");
        Assert.Contains("Be kind.\nNo spam.", DiscordBotRun.Content(rules), StringComparison.Ordinal);

        await bot.Gateway.DispatchAsync("GUILD_MEMBER_ADD", """
            {"guild_id":"10","user":{"id":"55","username":"newbie","global_name":"Newbie"},"roles":[],"joined_at":"2026-11-25T08:00:00+00:00"}
            """);
        var welcome = await bot.WaitForAsync(r => r.Method == "POST" && r.Path == "/channels/30/messages" && r.Body.Contains("verify:agree:55", StringComparison.Ordinal));
        var systemRules = await bot.WaitForAsync(r => r.Method == "POST" && r.Path == "/channels/30/messages" && r.Body.Contains("Community rules (version 1)", StringComparison.Ordinal) && !r.Body.Contains("verify:agree", StringComparison.Ordinal));
        await bot.WaitForAsync(r => r.Method == "PUT" && r.Path == $"/channels/30/pins/{bot.IdOf(systemRules)}");
        var button = welcome.Json!["components"]![0]!["components"]![0]!;
        Assert.Equal("I agree", (string)button["label"]!);
        Assert.Contains("Community rules (version 1)", DiscordBotRun.Content(welcome), StringComparison.Ordinal);

        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899702", "10", "30", "56", bot.IdOf(welcome), "verify:agree:55"));
        var refused = await bot.AnswerAsync("1311768467294899702", "tok1311768467294899702");
        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899703", "10", "30", "55", bot.IdOf(welcome), "verify:agree:55"));
        var accepted = await bot.AnswerAsync("1311768467294899703", "tok1311768467294899703");

        Assert.Contains("for the member it welcomes", DiscordBotRun.Content(refused), StringComparison.Ordinal);
        Assert.True(bot.IsPrivate(refused));
        Assert.Contains("You can post now", DiscordBotRun.Content(accepted), StringComparison.Ordinal);
        Assert.True(bot.IsPrivate(accepted));
    }

    [Fact]
    public async Task In_raid_mode_a_newcomer_gets_one_welcome_and_a_timeout_that_their_own_press_lifts()
    {
        await using var bot = await StartAsync(r => r.Method == "GET" && r.Path == "/guilds/10"
            ? new FakeResponse(200, """{"id":"10","name":"Guild Ten","verification_level":1}""")
            : null);
        await bot.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await bot.Fake.WaitForAsync("GET", "/guilds/10/invites");
        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Slash("1311768467294899711", "10", "20", "99", "raid", """[{"type":1,"name":"on"}]"""));
        await bot.AnswerAsync("1311768467294899711", "tok1311768467294899711");

        await bot.Gateway.DispatchAsync("GUILD_MEMBER_ADD", """
            {"guild_id":"10","user":{"id":"55","username":"newbie","global_name":"Newbie"},"roles":[],"joined_at":"2026-11-25T08:00:00+00:00"}
            """);
        var hold = await bot.WaitForAsync(r => r.Method == "PATCH" && r.Path == "/guilds/10/members/55");
        var welcome = await bot.WaitForAsync(r => r.Method == "POST" && r.Path == "/channels/30/messages" && r.Body.Contains("verify:agree:55", StringComparison.Ordinal));
        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899712", "10", "30", "56", bot.IdOf(welcome), "verify:agree:55"));
        await bot.AnswerAsync("1311768467294899712", "tok1311768467294899712");
        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899713", "10", "30", "55", bot.IdOf(welcome), "verify:agree:55"));
        var accepted = await bot.AnswerAsync("1311768467294899713", "tok1311768467294899713");
        var lift = await bot.WaitForAsync(r => r.Method == "PATCH" && r.Path == "/guilds/10/members/55" && r.Json!["communication_disabled_until"] is null);

        Assert.NotNull((string?)hold.Json!["communication_disabled_until"]);
        Assert.Contains("raid protection", DiscordBotRun.Content(welcome), StringComparison.Ordinal);
        Assert.Single(bot.Fake.Requests, r => r.Method == "POST" && r.Body.Contains("\"components\"", StringComparison.Ordinal) && r.Body.Contains("55", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Fake.Requests, r => r.Body.Contains("moderation:verify", StringComparison.Ordinal));
        Assert.True(lift.Json!.AsObject().ContainsKey("communication_disabled_until"));
        Assert.Equal(2, bot.Fake.Requests.Count(r => r.Method == "PATCH" && r.Path == "/guilds/10/members/55"));
        Assert.Contains("You can post now", DiscordBotRun.Content(accepted), StringComparison.Ordinal);
    }
}
