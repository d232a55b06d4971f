using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Tests.Discord;

/// <summary>Dispatches from the fake gateway through the real pump, translator, responder and executor.</summary>
public sealed class EventPumpTests : IAsyncLifetime
{
    private const string Guild = """{"id":"10","owner_id":"99","system_channel_id":"21","roles":[{"id":"10","name":"@everyone","permissions":"0"},{"id":"50","name":"Mods","permissions":"8"},{"id":"60","name":"Helpers","permissions":"0"},{"id":"70","name":"Channel admins","permissions":"16"}],"channels":[{"id":"20","type":0}]}""";

    private DiscordAdapterRun _run = null!;

    private FakeDiscord Fake => _run.Fake;

    public async Task InitializeAsync()
    {
        _run = await DiscordAdapterRun.StartAsync();
        await Fake.WaitForAsync("PUT", "/applications/800/commands");
        await _run.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await Fake.WaitForAsync("GET", "/guilds/10/invites");
    }

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task A_slow_command_is_deferred_within_3_seconds_then_answered()
    {
        var executor = _run.Services.GetRequiredService<IActionExecutor>();
        _run.Pipeline.OnEvent = async (e, ct) =>
        {
            if (e is CommandInvoked command)
            {
                await Task.Delay(1500, ct);
                await executor.ExecuteAsync(new Reply(command.Community, command.ChannelId, "granted", Ephemeral: true, InteractionId: command.InteractionId), ct);
            }
        };

        var sent = DateTimeOffset.UtcNow;
        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("1234", "staff", """[{"name":"grant","type":1,"options":[{"name":"role","type":3,"value":"moderator"},{"name":"user","type":6,"value":"31"}]}]"""));

        var deferred = await Fake.WaitForAsync("POST", "/interactions/1234/itok/callback");
        Assert.True(deferred.At - sent < TimeSpan.FromSeconds(3));
        Assert.Equal(5, (int)deferred.Json!["type"]!);
        Assert.Equal(64, (int)deferred.Json!["data"]!["flags"]!); // a staff command defers privately

        var answer = await Fake.WaitForAsync("PATCH", "/webhooks/800/itok/messages/@original");
        Assert.Equal("granted", (string)answer.Json!["content"]!);

        var command = await _run.Pipeline.NextAsync<CommandInvoked>();
        Assert.Equal("staff", command.Name);
        Assert.Equal("grant <@31> moderator", command.Arguments);
        Assert.Equal("dc:ix:1234", command.EventId);
        Assert.Equal([new UserRef(Platform.Discord, "31")], command.Mentions);
    }

    [Fact]
    public async Task A_channel_is_trusted_only_in_this_guild_for_a_caller_who_manages_it()
    {
        Fake.Rest = r => (r.Method, r.Path) switch
        {
            ("GET", "/channels/20") => new FakeResponse(200, """{"id":"20","type":0,"guild_id":"10","name":"staff","permission_overwrites":[]}"""),
            ("GET", "/channels/77") => new FakeResponse(200, """{"id":"77","type":0,"guild_id":"66","name":"theirs"}"""),
            ("GET", "/channels/404") => new FakeResponse(404, """{"message":"Unknown Channel","code":10003}"""),
            ("GET", "/guilds/10/members/30") => new FakeResponse(200, """{"roles":["50"]}"""),
            ("GET", "/guilds/10/members/31") => new FakeResponse(200, """{"roles":[]}"""),
            _ => null,
        };
        var directory = _run.Services.GetServices<Bot.Domain.Community.IChatDirectory>().Single();
        var guild = new CommunityRef(Platform.Discord, "10");

        var mod = await directory.LookUpAsync(guild, "20", new UserRef(Platform.Discord, "30"), CancellationToken.None);
        var member = await directory.LookUpAsync(guild, "20", new UserRef(Platform.Discord, "31"), CancellationToken.None);
        var elsewhere = await directory.LookUpAsync(guild, "77", new UserRef(Platform.Discord, "30"), CancellationToken.None);
        var missing = await directory.LookUpAsync(guild, "404", new UserRef(Platform.Discord, "30"), CancellationToken.None);

        Assert.Null(Bot.Domain.Community.ChatTrustRules.ForLink(guild, mod, null));
        Assert.Equal(Bot.Domain.Community.ChatRefusal.NotAdministrator, Bot.Domain.Community.ChatTrustRules.ForLink(guild, member, null));
        Assert.Equal("66", elsewhere.ContainerId);
        Assert.NotNull(Bot.Domain.Community.ChatTrustRules.ForTarget(guild, elsewhere, null));
        Assert.Equal(Bot.Domain.Community.ChatRefusal.NotFound, Bot.Domain.Community.ChatTrustRules.ForLink(guild, missing, null));
    }

    [Fact]
    public async Task A_thread_is_checked_with_its_parent_channels_overwrites()
    {
        // Thread 501 (no overwrites of its own) in channel 20, which lets Helpers (60) manage it and denies that to
        // Channel admins (70), who may manage channels elsewhere in the guild.
        Fake.Rest = r => (r.Method, r.Path) switch
        {
            ("GET", "/channels/501") => new FakeResponse(200, """{"id":"501","type":11,"guild_id":"10","name":"launch","parent_id":"20"}"""),
            ("GET", "/channels/20") => new FakeResponse(200, """
                {"id":"20","type":0,"guild_id":"10","name":"general","permission_overwrites":[
                  {"id":"60","type":0,"allow":"16","deny":"0"},{"id":"70","type":0,"allow":"0","deny":"16"}]}
                """),
            ("GET", "/guilds/10/members/32") => new FakeResponse(200, """{"roles":["60"]}"""),
            ("GET", "/guilds/10/members/33") => new FakeResponse(200, """{"roles":["70"]}"""),
            _ => null,
        };
        var directory = _run.Services.GetServices<Bot.Domain.Community.IChatDirectory>().Single();
        var guild = new CommunityRef(Platform.Discord, "10");

        var helper = await directory.LookUpAsync(guild, "501", new UserRef(Platform.Discord, "32"), CancellationToken.None);
        var denied = await directory.LookUpAsync(guild, "501", new UserRef(Platform.Discord, "33"), CancellationToken.None);

        Assert.True(helper.CallerAdministers);
        Assert.False(denied.CallerAdministers);
        Assert.Equal("10", helper.ContainerId);
        Assert.Equal(2, Fake.Requests.Count(r => r.Method == "GET" && r.Path == "/channels/20"));
    }

    [Fact]
    public async Task A_quick_reply_is_the_interaction_response_itself()
    {
        var executor = _run.Services.GetRequiredService<IActionExecutor>();
        _run.Pipeline.OnEvent = (e, ct) => e is CommandInvoked c
            ? executor.ExecuteAsync(new Reply(c.Community, c.ChannelId, "pong", Ephemeral: true, InteractionId: c.InteractionId), ct)
            : Task.CompletedTask;

        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", Interaction("77", "help", "[]"));

        var response = await Fake.WaitForAsync("POST", "/interactions/77/itok/callback");
        Assert.Equal(4, (int)response.Json!["type"]!);
        Assert.Equal("pong", (string)response.Json!["data"]!["content"]!);
        Assert.Equal(64, (int)response.Json!["data"]!["flags"]!);
        await Task.Delay(800);
        Assert.Single(Fake.Requests, r => r.Path.StartsWith("/interactions/77/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_message_command_names_its_target_message_and_author()
    {
        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", """
            {"id":"556","application_id":"800","type":2,"token":"itok","guild_id":"10","channel_id":"20",
             "member":{"user":{"id":"30","username":"alice"},"roles":["50"],"permissions":"8"},
             "data":{"id":"2","name":"spam","type":3,"target_id":"650",
                     "resolved":{"messages":{"650":{"id":"650","channel_id":"20","content":"buy followers","author":{"id":"31","username":"bob"}}}}}}
            """);

        var command = await _run.Pipeline.NextAsync<CommandInvoked>();
        Assert.Equal(("spam", string.Empty, "650"), (command.Name, command.Arguments, command.ReplyToMessageId));
        Assert.Equal(new UserRef(Platform.Discord, "31"), command.ReplyToUser);
        Assert.Equal("556", command.InteractionId);
    }

    [Fact]
    public async Task A_button_press_is_ButtonPressed_with_its_data()
    {
        await _run.Gateway.DispatchAsync("INTERACTION_CREATE", """
            {"id":"555","application_id":"800","type":3,"token":"itok","guild_id":"10","channel_id":"20",
             "member":{"user":{"id":"30","username":"alice"},"roles":[],"permissions":"0"},
             "message":{"id":"600","channel_id":"20"},"data":{"custom_id":"faq:up:12","component_type":2}}
            """);

        var pressed = await _run.Pipeline.NextAsync<ButtonPressed>();
        Assert.Equal(("faq:up:12", "600", "555"), (pressed.Data, pressed.MessageId, pressed.InteractionId));
        var ack = await Fake.WaitForAsync("POST", "/interactions/555/itok/callback");
        Assert.Equal(6, (int)ack.Json!["type"]!);
    }

    [Fact]
    public async Task A_message_carries_roles_admin_and_owner()
    {
        await _run.Gateway.DispatchAsync("MESSAGE_CREATE", """
            {"id":"700","channel_id":"20","guild_id":"10","content":"hello <@31>","timestamp":"2025-01-02T03:04:05+00:00",
             "author":{"id":"99","username":"owner"},"member":{"roles":["50"],"nick":"Boss"},"mentions":[{"id":"31","username":"bob"}]}
            """);

        var posted = await _run.Pipeline.NextAsync<MessagePosted>();
        Assert.Equal("dc:msg:700", posted.EventId);
        Assert.Equal(new CommunityRef(Platform.Discord, "10"), posted.Community);
        Assert.Equal("Boss", posted.Author.DisplayName);
        // Role ids only: a role's name is chosen by whoever can manage roles, so it must not map to staff.
        Assert.Equal(["50"], posted.Author.Roles);
        Assert.True(posted.Author.IsPlatformAdmin);
        Assert.True(posted.Author.IsPlatformOwner);
        Assert.Equal([new UserRef(Platform.Discord, "31")], posted.MentionedUsers);
    }

    [Fact]
    public async Task A_join_is_attributed_to_the_invite_whose_uses_went_up()
    {
        var look = 0;
        Fake.Rest = r => r.Path == "/guilds/10/invites"
            ? new FakeResponse(200, Interlocked.Increment(ref look) == 1
                ? """[{"code":"aaa","uses":3},{"code":"bbb","uses":1}]"""
                : """[{"code":"aaa","uses":3},{"code":"bbb","uses":2}]""")
            : null;
        await _run.Gateway.DispatchAsync("GUILD_CREATE", Guild);
        await Fake.WaitForAsync("GET", "/guilds/10/invites", count: 2);

        await _run.Gateway.DispatchAsync("GUILD_MEMBER_ADD", """{"guild_id":"10","user":{"id":"31","username":"bob"},"roles":[],"joined_at":"2025-01-02T03:04:05+00:00"}""");

        var joined = await _run.Pipeline.NextAsync<MemberJoined>();
        Assert.Equal(("bbb", true), (joined.InviteCode, joined.InviteCertain));
        Assert.Equal($"dc:join:10:31:{DateTimeOffset.Parse("2025-01-02T03:04:05+00:00", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()}", joined.EventId);
    }

    [Fact]
    public async Task A_malformed_dispatch_is_logged_and_the_next_one_processed()
    {
        await _run.Gateway.DispatchAsync("MESSAGE_CREATE", """{"id":5}""");
        await _run.Gateway.DispatchAsync("MESSAGE_DELETE", """{"id":"701","channel_id":"20","guild_id":"10"}""");

        var deleted = await _run.Pipeline.NextAsync<MessageDeleted>();
        Assert.Equal("701", deleted.MessageId);
        Assert.Contains("MESSAGE_CREATE", _run.Logs.All, StringComparison.Ordinal);
    }

    private static string Interaction(string id, string name, string options) => $$$"""
        {"id":"{{{id}}}","application_id":"800","type":2,"token":"itok","guild_id":"10","channel_id":"20",
         "member":{"user":{"id":"30","username":"alice"},"roles":["50"],"permissions":"8"},
         "data":{"id":"1","name":"{{{name}}}","type":1,"options":{{{options}}}}}
        """;
}
