using System.Globalization;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;

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
        await using var fake = await FakeDiscord.StartAsync();
        // Each posted message gets its own id, remembered so the test can follow it (pins, button presses).
        var nextId = 5000;
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<RecordedRequest, string>(ReferenceEqualityComparer.Instance);
        fake.Rest = r =>
        {
            if (r.Method == "GET" && r.Path == "/guilds/10/invites")
            {
                return new FakeResponse(200, "[]");
            }

            if (r.Method != "POST" || !r.Path.StartsWith("/channels/", StringComparison.Ordinal) || !r.Path.EndsWith("/messages", StringComparison.Ordinal))
            {
                return null;
            }

            var id = ids[r] = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
            return new FakeResponse(200, $$"""{"id":"{{id}}","channel_id":"{{r.Path.Split('/')[2]}}"}""");
        };
        string IdOf(RecordedRequest request) => ids[request];
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
            await WaitForAsync(fake, r => r.Method == "PUT" && r.Path == "/applications/800/commands");
            await gateway.DispatchAsync("GUILD_CREATE", Guild);

            await gateway.DispatchAsync("INTERACTION_CREATE", Slash("1311768467294899701", "99", """
                {"id":"1","name":"rules","type":1,"options":[{"type":1,"name":"set","options":[{"type":3,"name":"text","value":"Be kind.\\nNo spam."}]}]}
                """));
            var rules = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/channels/20/messages" && r.Body.Contains("Community rules (version 1)", StringComparison.Ordinal));
            var rulesId = IdOf(rules);
            await WaitForAsync(fake, r => r.Method == "PUT" && r.Path == $"/channels/20/pins/{rulesId}");
            Assert.Contains("Be kind.\nNo spam.", (string)rules.Json!["content"]!, StringComparison.Ordinal);

            await gateway.DispatchAsync("GUILD_MEMBER_ADD", """
                {"guild_id":"10","user":{"id":"55","username":"newbie","global_name":"Newbie"},"roles":[],"joined_at":"2026-11-25T08:00:00+00:00"}
                """);
            var welcome = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/channels/30/messages" && r.Body.Contains("verify:agree:55", StringComparison.Ordinal));
            var systemRules = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/channels/30/messages" && r.Body.Contains("Community rules (version 1)", StringComparison.Ordinal) && !r.Body.Contains("verify:agree", StringComparison.Ordinal));
            await WaitForAsync(fake, r => r.Method == "PUT" && r.Path == $"/channels/30/pins/{IdOf(systemRules)}");
            var button = welcome.Json!["components"]![0]!["components"]![0]!;
            Assert.Equal("I agree", (string)button["label"]!);
            Assert.Contains("Community rules (version 1)", (string)welcome.Json!["content"]!, StringComparison.Ordinal);

            await gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899702", "56", IdOf(welcome)));
            var refused = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/interactions/1311768467294899702/itok/callback");
            await gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899703", "55", IdOf(welcome)));
            var accepted = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/interactions/1311768467294899703/itok/callback");

            Assert.Contains("for the member it welcomes", (string)refused.Json!["data"]!["content"]!, StringComparison.Ordinal);
            Assert.Equal(64, (int)refused.Json!["data"]!["flags"]!);
            Assert.Contains("You can post now", (string)accepted.Json!["data"]!["content"]!, StringComparison.Ordinal);
            Assert.Equal(64, (int)accepted.Json!["data"]!["flags"]!);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task In_raid_mode_a_newcomer_gets_one_welcome_and_a_timeout_that_their_own_press_lifts()
    {
        await using var fake = await FakeDiscord.StartAsync();
        var nextId = 6000;
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<RecordedRequest, string>(ReferenceEqualityComparer.Instance);
        fake.Rest = r =>
        {
            if (r.Method == "GET" && r.Path == "/guilds/10/invites")
            {
                return new FakeResponse(200, "[]");
            }

            if (r.Method == "GET" && r.Path == "/guilds/10")
            {
                return new FakeResponse(200, """{"id":"10","name":"Guild Ten","verification_level":1}""");
            }

            if (r.Method != "POST" || !r.Path.StartsWith("/channels/", StringComparison.Ordinal) || !r.Path.EndsWith("/messages", StringComparison.Ordinal))
            {
                return null;
            }

            var id = ids[r] = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
            return new FakeResponse(200, $$"""{"id":"{{id}}","channel_id":"{{r.Path.Split('/')[2]}}"}""");
        };
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
            await WaitForAsync(fake, r => r.Method == "PUT" && r.Path == "/applications/800/commands");
            await gateway.DispatchAsync("GUILD_CREATE", Guild);
            await gateway.DispatchAsync("INTERACTION_CREATE", Slash("1311768467294899711", "99", """{"id":"1","name":"raid","type":1,"options":[{"type":1,"name":"on"}]}"""));
            await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/interactions/1311768467294899711/itok/callback");

            await gateway.DispatchAsync("GUILD_MEMBER_ADD", """
                {"guild_id":"10","user":{"id":"55","username":"newbie","global_name":"Newbie"},"roles":[],"joined_at":"2026-11-25T08:00:00+00:00"}
                """);
            var hold = await WaitForAsync(fake, r => r.Method == "PATCH" && r.Path == "/guilds/10/members/55");
            var welcome = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/channels/30/messages" && r.Body.Contains("verify:agree:55", StringComparison.Ordinal));
            await gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899712", "56", ids[welcome]));
            await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/interactions/1311768467294899712/itok/callback");
            await gateway.DispatchAsync("INTERACTION_CREATE", Press("1311768467294899713", "55", ids[welcome]));
            var accepted = await WaitForAsync(fake, r => r.Method == "POST" && r.Path == "/interactions/1311768467294899713/itok/callback");
            var lift = await WaitForAsync(fake, r => r.Method == "PATCH" && r.Path == "/guilds/10/members/55" && r.Json!["communication_disabled_until"] is null);

            Assert.NotNull((string?)hold.Json!["communication_disabled_until"]);
            Assert.Contains("raid protection", (string)welcome.Json!["content"]!, StringComparison.Ordinal);
            Assert.Single(fake.Requests, r => r.Method == "POST" && r.Body.Contains("\"components\"", StringComparison.Ordinal) && r.Body.Contains("55", StringComparison.Ordinal));
            Assert.DoesNotContain(fake.Requests, r => r.Body.Contains("moderation:verify", StringComparison.Ordinal));
            Assert.True(lift.Json!.AsObject().ContainsKey("communication_disabled_until"));
            Assert.Equal(2, fake.Requests.Count(r => r.Method == "PATCH" && r.Path == "/guilds/10/members/55"));
            Assert.Contains("You can post now", (string)accepted.Json!["data"]!["content"]!, StringComparison.Ordinal);
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private static string Slash(string id, string user, string data) => $$$"""
        {"id":"{{{id}}}","application_id":"800","type":2,"token":"itok","guild_id":"10","channel_id":"20",
         "member":{"user":{"id":"{{{user}}}","username":"owner"},"roles":[],"permissions":"8"},"data":{{{data}}}}
        """;

    private static string Press(string id, string user, string message) => $$$"""
        {"id":"{{{id}}}","application_id":"800","type":3,"token":"itok","guild_id":"10","channel_id":"30",
         "member":{"user":{"id":"{{{user}}}","username":"u{{{user}}}"},"roles":[],"permissions":"0"},
         "message":{"id":"{{{message}}}","channel_id":"30"},"data":{"custom_id":"verify:agree:55","component_type":2}}
        """;

    private static async Task<RecordedRequest> WaitForAsync(FakeDiscord fake, Func<RecordedRequest, bool> match)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (fake.Requests.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No matching request; saw {string.Join(", ", fake.Requests.Select(r => r.Method + " " + r.Path))}");
    }
}
