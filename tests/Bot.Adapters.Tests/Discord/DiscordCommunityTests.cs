using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Events;
using static Bot.Adapters.Tests.Discord.Fakes.DiscordBotRun;

namespace Bot.Adapters.Tests.Discord;

/// <summary>
/// One community on Discord end to end, through our Discord client and the whole bot against the loopback gateway and
/// REST: guild 10 with its general channel 20 and a separate staff channel 21, and a stranger's guild 66 that must reach
/// neither. 99 owns guild 10, 31 is a member (a specialist where a test says so), 32 a manager, 77 owns guild 66.
/// </summary>
public sealed class DiscordCommunityTests : IAsyncLifetime
{
    private const string Guild = """{"id":"10","owner_id":"99","roles":[{"id":"10","name":"@everyone","permissions":"0"}],"channels":[{"id":"20","type":0},{"id":"21","type":0}]}""";
    private const string StrangerGuild = """{"id":"66","owner_id":"77","roles":[{"id":"66","name":"@everyone","permissions":"0"}],"channels":[{"id":"67","type":0}]}""";
    private DiscordBotRun _bot = null!;
    private int _next = 1000;

    public async Task InitializeAsync()
    {
        _bot = await StartAsync(r => (r.Method, r.Path) switch
        {
            ("GET", "/channels/20") => new FakeResponse(200, """{"id":"20","type":0,"guild_id":"10","name":"general","permission_overwrites":[]}"""),
            ("GET", "/channels/21") => new FakeResponse(200, """{"id":"21","type":0,"guild_id":"10","name":"staff","permission_overwrites":[]}"""),
            ("GET", "/channels/67") => new FakeResponse(200, """{"id":"67","type":0,"guild_id":"66","name":"theirs","permission_overwrites":[]}"""),
            ("GET", _) when r.Path.StartsWith("/guilds/", StringComparison.Ordinal) && r.Path.Contains("/members/", StringComparison.Ordinal) =>
                new FakeResponse(200, """{"roles":[]}"""),
            ("POST", "/channels/21/threads") => new FakeResponse(200, """{"id":"500","type":11,"guild_id":"10","parent_id":"21"}"""),
            // Each member's DM channel is 600 followed by their id.
            ("POST", "/users/@me/channels") => new FakeResponse(200, $$"""{"id":"600{{(string)r.Json!["recipient_id"]!}}","type":1}"""),
            _ => null,
        });
        await _bot.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await _bot.Gateway.DispatchAsync("GUILD_CREATE", StrangerGuild);
        await _bot.Fake.WaitForAsync("GET", "/guilds/66/invites");
    }

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>Sends a slash command and returns its answer (the first with text).</summary>
    private async Task<RecordedRequest> CommandAsync(string guild, string user, string name, string options, string? channel = null)
    {
        var id = (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _bot.Gateway.DispatchAsync("INTERACTION_CREATE", Slash(id, guild, channel ?? (guild == "10" ? "20" : "67"), user, name, options));
        return await _bot.AnswerAsync(id, "tok" + id);
    }

    private static string Sub(string name, string options = "") => $$"""[{"name":"{{name}}","type":1,"options":[{{options}}]}]""";

    private static string Text(string name, string value) => $$"""{"name":"{{name}}","type":3,"value":"{{value}}"}""";

    private static string Id(string name, int value) => $$"""{"name":"{{name}}","type":4,"value":{{value}}}""";

    private static string Channel(string value) => $$"""{"name":"channel","type":7,"value":"{{value}}"}""";

    private static string User(string value) => $$"""{"name":"user","type":6,"value":"{{value}}"}""";

    private async Task LinkStaffChannelAsync()
    {
        var linked = await CommandAsync("10", "99", "staff", Sub("channel", Channel("21")));
        Assert.Contains("Staff channel set to 21", Content(linked), StringComparison.Ordinal);
    }

    /// <summary>What reached guild 10's general channel, for asserting that something private did not.</summary>
    private string GeneralChannel() => string.Join("\n", _bot.Fake.Requests
        .Where(r => r.Path == "/channels/20/messages" || (r.Path.Contains("/callback", StringComparison.Ordinal) || r.Path.StartsWith("/webhooks/", StringComparison.Ordinal)) && !_bot.IsPrivate(r))
        .Select(Content));

    [Fact]
    public async Task A_ticket_is_answered_in_the_staff_thread_and_the_member_gets_it_by_DM()
    {
        await LinkStaffChannelAsync();
        await CommandAsync("10", "31", "ticket", Sub("open", Text("subject", "my order never arrived")));
        var card = await _bot.PostedAsync("500", "my order never arrived");

        // The thread's id reaches the ticket as the thread open's result; staff answer once that is committed.
        await _bot.Seen.WaitForAsync<ActionCompleted>(c => c.Correlation.StartsWith("ticket:", StringComparison.Ordinal) && c.ChannelId == "500");
        await _bot.Gateway.DispatchAsync("MESSAGE_CREATE", Message("901", "10", "500", "99", "We are on it, sorry!"));
        var relayed = await _bot.PostedAsync("60031", "We are on it, sorry!");

        Assert.NotNull(card);
        Assert.NotNull(relayed);
        Assert.DoesNotContain("We are on it", GeneralChannel(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_specialists_post_approved_with_the_staff_channels_button_is_published_in_the_community_at_its_time()
    {
        await LinkStaffChannelAsync();
        await CommandAsync("10", "99", "staff", Sub("grant", User("31") + "," + Text("role", "specialist")));
        await CommandAsync("10", "99", "staff", Sub("grant", User("32") + "," + Text("role", "manager")));

        var created = await CommandAsync("10", "31", "post", Sub("new", Text("content", "Launch day | The doors open at nine.")));
        await CommandAsync("10", "31", "post", Sub("submit", Id("id", 1) + "," + Text("when", "in 2h")));
        var card = await _bot.WaitForAsync(r => r.Method == "POST" && r.Path == "/channels/21/messages" && r.Json?["components"] is not null);
        var approve = (string)card.Json!["components"]![0]!["components"]![0]!["custom_id"]!;
        // The card's id is saved on the post as the send's result; a manager presses once that is committed.
        var cardId = _bot.IdOf(card);
        await _bot.Seen.WaitForAsync<ActionCompleted>(c => c.MessageId == cardId);
        await _bot.Gateway.DispatchAsync("INTERACTION_CREATE", Press("3001", "10", "21", "32", cardId, approve));
        var approved = await _bot.AnswerAsync("3001", "tok3001");
        await _bot.WaitForTimerAsync("content", "1");
        var beforeItsTime = _bot.Fake.Requests.Count(r => r.Path == "/channels/20/messages" && Content(r).Contains("The doors open at nine.", StringComparison.Ordinal));

        var fired = await _bot.AdvanceAsync(TimeSpan.FromHours(3));
        var published = await _bot.PostedAsync("20", "The doors open at nine.");

        Assert.Contains("#1", Content(created), StringComparison.Ordinal);
        Assert.Equal("post:approve:1", approve);
        Assert.True(_bot.IsPrivate(approved));
        Assert.Equal(0, beforeItsTime);
        Assert.True(fired >= 1);
        Assert.Contains("Launch day", Content(published), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slash_command_carrying_a_banned_keyword_is_refused_privately_and_recorded_as_an_infraction()
    {
        await LinkStaffChannelAsync();
        await CommandAsync("10", "99", "rule", Sub("add", Text("kind", "keyword") + "," + Text("pattern", "forbiddenword") + "," + Text("action", "delete")));

        var refused = await CommandAsync("10", "31", "ticket", Sub("open", Text("subject", "forbiddenword for sale")));
        var notice = await _bot.PostedAsync("60031", "infraction #1");
        var infractions = await CommandAsync("10", "99", "infractions", $"[{User("31")}]");

        Assert.Contains("not run", Content(refused), StringComparison.Ordinal);
        Assert.True(_bot.IsPrivate(refused));
        Assert.NotNull(notice);
        Assert.Contains("#1 ", Content(infractions), StringComparison.Ordinal);
        Assert.Contains("rule #1", Content(infractions), StringComparison.Ordinal);
        // The command did not run: no ticket thread, nothing of it in the channel.
        Assert.DoesNotContain(_bot.Fake.Requests, r => r.Path == "/channels/21/threads");
        Assert.DoesNotContain("for sale", GeneralChannel(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_members_export_and_the_infractions_list_answer_privately_and_never_reach_the_channel()
    {
        await CommandAsync("10", "99", "warn", $"[{User("31")},{Text("reason", "shouting at people")}]");

        var export = await CommandAsync("10", "31", "mydata", Sub("export"));
        var infractions = await CommandAsync("10", "99", "infractions", $"[{User("31")}]");

        Assert.True(_bot.IsPrivate(export));
        Assert.Contains("filename=", export.Body, StringComparison.Ordinal);
        Assert.True(_bot.IsPrivate(infractions));
        Assert.Contains("shouting at people", Content(infractions), StringComparison.Ordinal);
        var general = GeneralChannel();
        Assert.DoesNotContain("shouting", general, StringComparison.Ordinal);
        Assert.DoesNotContain(_bot.Fake.Requests, r => r.Path == "/channels/20/messages" && r.Body.Contains("filename=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_strangers_guild_cannot_name_this_guilds_channels_nor_reach_its_staff()
    {
        await LinkStaffChannelAsync();

        var refusedLink = await CommandAsync("66", "77", "staff", Sub("channel", Channel("21")));
        var refusedPost = await CommandAsync("66", "77", "post", Sub("new", Text("content", "Spam | Buy now | | 20")));
        await CommandAsync("66", "77", "ticket", Sub("open", Text("subject", "hello operator")));
        var ticket = await _bot.Seen.WaitForAsync<ActionCompleted>(c => c.Community.Id == "66" && c.Correlation.StartsWith("ticket:", StringComparison.Ordinal));

        Assert.Contains("belongs to another server", Content(refusedLink), StringComparison.Ordinal);
        Assert.True(_bot.IsPrivate(refusedLink));
        Assert.Contains("belongs to another server", Content(refusedPost), StringComparison.Ordinal);
        Assert.False(ticket.Succeeded);
        Assert.DoesNotContain(_bot.Fake.Requests, r => r.Method == "POST" && r.Path.StartsWith("/channels/21", StringComparison.Ordinal) && r.Body.Contains("hello operator", StringComparison.Ordinal));
        Assert.DoesNotContain(_bot.Fake.Requests, r => r.Method == "POST" && r.Path == "/channels/20/messages");
    }
}
