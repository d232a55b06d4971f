using Bot.Adapters.Tests.Discord.Fakes;

namespace Bot.IntegrationTests.Discord;

/// <summary>The real host on a test database, talking to a loopback Discord.</summary>
public sealed class DiscordEndToEndTests
{
    private const string Interaction = """
        {"id":"1311768467294899695","application_id":"800","type":2,"token":"itok","guild_id":"10","channel_id":"20",
         "member":{"user":{"id":"99","username":"owner"},"roles":[],"permissions":"8"},
         "data":{"id":"1","name":"help","type":1}}
        """;

    [Fact]
    public async Task Slash_commands_register_and_a_replayed_interaction_is_answered_once()
    {
        await using var bot = await DiscordBotRun.StartAsync();
        var commands = await bot.Fake.WaitForAsync("PUT", "/applications/800/commands");
        var names = commands.Json!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Contains("help", names);
        Assert.Contains("staff", names);
        await bot.Gateway.DispatchAsync("GUILD_CREATE", """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}]}""");

        // The same dispatch twice, as a resume replays it: one answer.
        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction);
        await bot.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction);

        var answer = await bot.Fake.WaitForAsync("POST", "/interactions/1311768467294899695/itok/callback");
        await bot.Logs.WaitForAsync("Dropped duplicate event dc:ix:1311768467294899695");
        Assert.Equal(4, (int)answer.Json!["type"]!);
        // The list is longer than one Discord message: the answer is its first part, the rest follow up.
        Assert.StartsWith("Commands you can use:\n/appeal", (string)answer.Json!["data"]!["content"]!, StringComparison.Ordinal);
        Assert.Equal(64, (int)answer.Json!["data"]!["flags"]!);
        Assert.Single(bot.Fake.Requests, r => r.Path.StartsWith("/interactions/", StringComparison.Ordinal));
    }
}
