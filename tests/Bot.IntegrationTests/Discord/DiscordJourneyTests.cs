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
}
