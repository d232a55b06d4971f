using Bot.Adapters.Tests.Discord.Fakes;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

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
        await using var fake = await FakeDiscord.StartAsync();
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using var app = Bot.Host.Program.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = connectionString,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Discord:BotToken"] = "e2e-token",
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
        }));
        await app.StartAsync();
        try
        {
            var gateway = await fake.NextConnectionAsync(TimeSpan.FromSeconds(30));
            var commands = await WaitForAsync(fake, "PUT", "/applications/800/commands");
            var names = commands.Json!.AsArray().Select(c => (string)c!["name"]!).ToList();
            Assert.Contains("help", names);
            Assert.Contains("staff", names);
            await gateway.DispatchAsync("GUILD_CREATE", """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}]}""");

            // The same dispatch twice, as a resume replays it: one answer.
            await gateway.DispatchAsync("INTERACTION_CREATE", Interaction);
            await gateway.DispatchAsync("INTERACTION_CREATE", Interaction);

            var answer = await WaitForAsync(fake, "POST", "/interactions/1311768467294899695/itok/callback");
            Assert.Equal(4, (int)answer.Json!["type"]!);
            // The list is longer than one Discord message: the answer is its first part, the rest follow up.
            Assert.StartsWith("Commands you can use:\n/appeal", (string)answer.Json!["data"]!["content"]!, StringComparison.Ordinal);
            Assert.Equal(64, (int)answer.Json!["data"]!["flags"]!);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Single(fake.Requests, r => r.Path.StartsWith("/interactions/", StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static async Task<RecordedRequest> WaitForAsync(FakeDiscord fake, string method, string path)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (fake.Requests.FirstOrDefault(r => r.Method == method && r.Path == path) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No {method} {path}; saw {string.Join(", ", fake.Requests.Select(r => r.Method + " " + r.Path))}");
    }
}
