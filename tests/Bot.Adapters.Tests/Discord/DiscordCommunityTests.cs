using Bot.Adapters.Tests.Discord.Fakes;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bot.Adapters.Tests.Discord;

/// <summary>
/// The whole bot on Discord against the loopback gateway and REST: a guild with a staff channel, a ticket answered in
/// its staff thread and relayed to the member by DM, and a stranger's guild that cannot name this guild's channel.
/// </summary>
public sealed class DiscordCommunityTests : IAsyncLifetime
{
    private const string Guild = """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0},{"id":"21","type":0},{"id":"22","type":0}]}""";
    private const string StrangerGuild = """{"id":"66","owner_id":"77","roles":[{"id":"66","name":"@everyone","permissions":"0"}],"channels":[{"id":"67","type":0}]}""";
    private readonly CapturingLoggerProvider _logs = new();
    private FakeDiscord _fake = null!;
    private WebApplication _app = null!;
    private FakeDiscord.FakeGatewayConnection _gateway = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeDiscord.StartAsync();
        _fake.Rest = r => (r.Method, r.Path) switch
        {
            ("GET", "/channels/21") => new FakeResponse(200, """{"id":"21","type":0,"guild_id":"10","name":"staff","permission_overwrites":[]}"""),
            ("GET", "/channels/22") => new FakeResponse(200, """{"id":"22","type":0,"guild_id":"10","name":"mod-log","permission_overwrites":[]}"""),
            ("GET", "/guilds/10/members/99") => new FakeResponse(200, """{"roles":[]}"""),
            ("GET", "/guilds/66/members/77") => new FakeResponse(200, """{"roles":[]}"""),
            ("GET", "/guilds/10/invites") or ("GET", "/guilds/66/invites") => new FakeResponse(200, "[]"),
            ("POST", "/channels/21/threads") => new FakeResponse(200, """{"id":"500","type":11,"guild_id":"10"}"""),
            ("POST", "/users/@me/channels") => new FakeResponse(200, """{"id":"600","type":1}"""),
            _ => null,
        };
        var connection = await PostgresFixture.CreateDatabaseAsync();
        _app = Bot.Host.Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Bot"] = connection,
                ["Urls"] = "http://127.0.0.1:0",
                ["Discord:BotToken"] = DiscordTestServices.Token,
                ["Discord:ApiBaseUrl"] = _fake.ApiBaseUrl,
            });
            builder.Logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Debug);
        });
        await _app.StartAsync();
        _gateway = await _fake.NextConnectionAsync(TimeSpan.FromSeconds(20));
        await WaitForAsync("PUT", "/applications/800/commands");
        await _gateway.DispatchAsync("GUILD_CREATE", Guild);
        await _gateway.DispatchAsync("GUILD_CREATE", StrangerGuild);
        await WaitForAsync("GET", "/guilds/66/invites");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
        Assert.DoesNotContain(DiscordTestServices.Token, _logs.All, StringComparison.Ordinal);
    }

    private static string Command(string id, string guild, string user, string name, string options) => $$$"""
        {"id":"{{{id}}}","application_id":"800","type":2,"token":"tok{{{id}}}","guild_id":"{{{guild}}}","channel_id":"{{{(guild == "10" ? "20" : "67")}}}",
         "member":{"user":{"id":"{{{user}}}","username":"u{{{user}}}"},"roles":[],"permissions":"0"},
         "data":{"id":"1","name":"{{{name}}}","type":1,"options":{{{options}}}}}
        """;

    private async Task<RecordedRequest> WaitForAsync(string method, string path, Func<RecordedRequest, bool>? match = null)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_fake.Requests.FirstOrDefault(r => r.Method == method && r.Path == path && (match is null || match(r))) is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No {method} {path}; saw: {string.Join(", ", _fake.Requests.Select(r => $"{r.Method} {r.Path}"))}");
    }

    /// <summary>The answer to an interaction: its response, or (when it was deferred under load) the edit of the original.</summary>
    private async Task<RecordedRequest> AnswerAsync(string id)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_fake.Requests.FirstOrDefault(r =>
                    (r.Path == $"/interactions/{id}/tok{id}/callback" && Content(r).Length > 0)
                    || r.Path == $"/webhooks/800/tok{id}/messages/@original") is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Interaction {id} was not answered");
    }

    private static string Content(RecordedRequest request) =>
        (string?)request.Json!["content"] ?? (string?)request.Json!["data"]?["content"] ?? string.Empty;

    [Fact]
    public async Task A_ticket_is_answered_in_the_staff_thread_and_the_member_gets_it_by_DM()
    {
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("1001", "10", "99", "staff", """[{"name":"channel","type":1,"options":[{"name":"channel","type":7,"value":"21"}]}]"""));
        var linked = await AnswerAsync("1001");
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("1002", "10", "31", "ticket", """[{"name":"open","type":1,"options":[{"name":"subject","type":3,"value":"my order never arrived"}]}]"""));
        var card = await WaitForAsync("POST", "/channels/500/messages", r => Content(r).Contains("my order never arrived", StringComparison.Ordinal));
        await AnswerAsync("1002");

        // The thread's id reaches the ticket as the action's result, a moment after the card is posted.
        await Task.Delay(1000);

        await _gateway.DispatchAsync("MESSAGE_CREATE", """
            {"id":"901","channel_id":"500","guild_id":"10","content":"We are on it, sorry!","timestamp":"2026-11-25T08:00:00+00:00",
             "author":{"id":"99","username":"owner"},"member":{"roles":[]}}
            """);
        var relayed = await WaitForAsync("POST", "/channels/600/messages", r => Content(r).Contains("We are on it, sorry!", StringComparison.Ordinal));

        Assert.Contains("Staff channel set to 21", Content(linked), StringComparison.Ordinal);
        Assert.NotNull(card);
        Assert.Equal("31", (string)_fake.Requests.Last(r => r.Path == "/users/@me/channels").Json!["recipient_id"]!);
        Assert.DoesNotContain(_fake.Requests, r => r.Path == "/channels/20/messages" && Content(r).Contains("We are on it", StringComparison.Ordinal));
        Assert.NotNull(relayed);
    }

    [Fact]
    public async Task A_suggestion_reaches_the_staff_channel_and_the_log_channel_gets_an_edited_and_a_deleted_messages_old_text()
    {
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("3001", "10", "99", "staff", """[{"name":"channel","type":1,"options":[{"name":"channel","type":7,"value":"21"}]}]"""));
        await AnswerAsync("3001");
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("3002", "10", "99", "log", """[{"name":"channel","type":1,"options":[{"name":"channel","type":7,"value":"22"}]}]"""));
        var logSet = await AnswerAsync("3002");
        await _gateway.DispatchAsync("MESSAGE_CREATE", """
            {"id":"950","channel_id":"20","guild_id":"10","content":"I love this place","timestamp":"2026-11-25T08:00:00+00:00",
             "author":{"id":"31","username":"bob"},"member":{"roles":[]}}
            """);
        await Task.Delay(500);
        await _gateway.DispatchAsync("MESSAGE_UPDATE", """
            {"id":"950","channel_id":"20","guild_id":"10","content":"I really love this place","timestamp":"2026-11-25T08:00:00+00:00",
             "edited_timestamp":"2026-11-25T08:01:00+00:00","author":{"id":"31","username":"bob"},"member":{"roles":[]}}
            """);
        var edited = await WaitForAsync("POST", "/channels/22/messages", r => Content(r).Contains("I really love this place", StringComparison.Ordinal));
        await _gateway.DispatchAsync("MESSAGE_DELETE", """{"id":"950","channel_id":"20","guild_id":"10"}""");
        var deleted = await WaitForAsync("POST", "/channels/22/messages", r => Content(r).Contains("deleted", StringComparison.Ordinal));
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("3003", "10", "31", "suggest", """[{"name":"text","type":3,"value":"Please add an #events calendar"}]"""));
        var card = await WaitForAsync("POST", "/channels/21/messages", r => Content(r).Contains("Suggestion #1 [events]", StringComparison.Ordinal));
        await AnswerAsync("3003");

        Assert.Contains("Log entries now go to", Content(logSet), StringComparison.Ordinal);
        Assert.Contains("“I love this place” → “I really love this place”", Content(edited), StringComparison.Ordinal);
        Assert.Contains("“I really love this place”", Content(deleted), StringComparison.Ordinal);
        var buttons = card.Json!["components"]!.AsArray().SelectMany(row => row!["components"]!.AsArray()).Select(b => (string)b!["custom_id"]!).ToList();
        Assert.Equal(["suggest:accepted:1", "suggest:declined:1", "suggest:duplicate:1"], buttons);
        Assert.DoesNotContain(_fake.Requests, r => r.Path == "/channels/20/messages" && Content(r).Contains("Suggestion #1", StringComparison.Ordinal));
        Assert.DoesNotContain(_fake.Requests, r => r.Path == "/channels/21/messages" && Content(r).Contains("love this place", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_strangers_guild_cannot_name_this_guilds_channel()
    {
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("2001", "66", "77", "staff", """[{"name":"channel","type":1,"options":[{"name":"channel","type":7,"value":"21"}]}]"""));

        var refused = await AnswerAsync("2001");
        await _gateway.DispatchAsync("INTERACTION_CREATE", Command("2002", "66", "77", "ticket", """[{"name":"open","type":1,"options":[{"name":"subject","type":3,"value":"hello operator"}]}]"""));
        await AnswerAsync("2002");
        await Task.Delay(500);

        Assert.Contains("belongs to another server", Content(refused), StringComparison.Ordinal);
        Assert.True(refused.Path.StartsWith("/webhooks/", StringComparison.Ordinal) || (int)refused.Json!["data"]!["flags"]! == 64);
        Assert.DoesNotContain(_fake.Requests, r => r.Path.StartsWith("/channels/21", StringComparison.Ordinal) && r.Method == "POST");
    }
}
