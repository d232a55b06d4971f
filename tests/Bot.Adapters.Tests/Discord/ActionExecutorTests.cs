using Bot.Adapters.Discord.Rest;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Tests.Discord.Fakes;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Tests.Discord;

public sealed class ActionExecutorTests : IAsyncLifetime
{
    private static readonly CommunityRef Guild = new(Platform.Discord, "10");
    private static readonly UserRef Bob = new(Platform.Discord, "31");

    private DiscordAdapterRun _run = null!;

    private FakeDiscord Fake => _run.Fake;

    private ServiceProvider Services => _run.Services;

    public async Task InitializeAsync() => _run = await DiscordAdapterRun.StartAsync(
        o =>
        {
            o.InviteChannelId = "77";
            o.Roles["verified"] = "555";
        },
        connect: false);

    public async Task DisposeAsync() => await _run.DisposeAsync();

    private IActionExecutor Executor => Services.GetRequiredService<IActionExecutor>();

    [Fact]
    public async Task Timeouts_are_capped_at_28_days_with_the_reason_in_the_audit_log()
    {
        var result = await Executor.ExecuteAsync(new TimeoutMember(Guild, Bob, DateTimeOffset.UtcNow.AddDays(60), "flood"), CancellationToken.None);

        Assert.True(result.Succeeded);
        var request = Assert.Single(Fake.Requests);
        Assert.Equal(("PATCH", "/guilds/10/members/31"), (request.Method, request.Path));
        var until = DateTimeOffset.Parse((string)request.Json!["communication_disabled_until"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(until <= DateTimeOffset.UtcNow.AddDays(28).AddMinutes(1));
        Assert.Equal("flood", request.Headers["X-Audit-Log-Reason"]);
    }

    [Fact]
    public async Task A_purge_bulk_deletes_recent_messages_and_deletes_older_ones_singly()
    {
        // Snowflakes carry their creation time: two from an hour ago, one from 20 days ago (too old to bulk-delete).
        static string Made(TimeSpan ago) =>
            (((ulong)(DateTimeOffset.UtcNow - ago).ToUnixTimeMilliseconds() - 1_420_070_400_000UL) << 22).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (a, b, old) = (Made(TimeSpan.FromHours(1)), Made(TimeSpan.FromHours(1.1)), Made(TimeSpan.FromDays(20)));
        Fake.Rest = r => r.Method == "DELETE" && r.Path == $"/channels/20/messages/{old}"
            ? new FakeResponse(404, """{"code":10008,"message":"Unknown Message"}""")
            : null;

        var result = await Executor.ExecuteAsync(new DeleteMessages(Guild, "20", [a, old, b], "/purge"), CancellationToken.None);

        Assert.True(result.Succeeded); // the old one was already gone: nothing left to do
        Assert.Equal(["POST /channels/20/messages/bulk-delete", $"DELETE /channels/20/messages/{old}"], Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal([a, b], Fake.Requests[0].Json!["messages"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("/purge", Uri.UnescapeDataString(Fake.Requests[0].Headers["X-Audit-Log-Reason"]));
    }

    [Fact]
    public async Task Lifting_a_timeout_sends_null()
    {
        await Executor.ExecuteAsync(new RemoveTimeout(Guild, Bob, "appeal"), CancellationToken.None);
        Assert.Contains("\"communication_disabled_until\":null", Assert.Single(Fake.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tier_role_is_created_once_then_granted()
    {
        Fake.Rest = r => r.Method == "POST" && r.Path == "/guilds/10/roles"
            ? new FakeResponse(200, """{"id":"900","name":"active","permissions":"0"}""")
            : null;

        await Executor.ExecuteAsync(new GrantRole(Guild, Bob, "active", "tier"), CancellationToken.None);
        await Executor.ExecuteAsync(new GrantRole(Guild, new UserRef(Platform.Discord, "32"), "active", "tier"), CancellationToken.None);
        await Executor.ExecuteAsync(new RevokeRole(Guild, Bob, "verified", "tier"), CancellationToken.None);

        Assert.Equal(
            ["POST /guilds/10/roles", "PUT /guilds/10/members/31/roles/900", "PUT /guilds/10/members/32/roles/900", "DELETE /guilds/10/members/31/roles/555"],
            Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Staff_posts_go_to_the_community_staff_channel_or_fail_clearly()
    {
        var refused = await Executor.ExecuteAsync(new PostToStaff(Guild, "ticket #1"), CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("/staff channel", refused.Error, StringComparison.Ordinal);

        await Services.GetRequiredService<ICommunityStore>().SaveAsync(new CommunitySettings(Guild, "en", "UTC", StaffChannelId: "66"), CancellationToken.None);
        var posted = await Executor.ExecuteAsync(new PostToStaff(Guild, "ticket #1"), CancellationToken.None);

        Assert.True(posted.Succeeded);
        Assert.Equal("/channels/66/messages", Fake.Requests[^1].Path);
        Assert.Equal("ticket #1", (string)Fake.Requests[^1].Json!["content"]!);
    }

    [Fact]
    public async Task Invite_links_are_unique_and_come_back_as_urls()
    {
        Fake.Rest = r => r.Path == "/channels/77/invites" ? new FakeResponse(200, """{"code":"xYz12","uses":0,"max_uses":0}""") : null;

        var result = await Executor.ExecuteAsync(new CreateInviteLink(Guild, Bob, "bob") { Correlation = "invite:31" }, CancellationToken.None);

        Assert.Equal("https://discord.gg/xYz12", result.Value);
        Assert.True((bool)Fake.Requests[^1].Json!["unique"]!);
    }

    [Fact]
    public async Task A_refusal_fails_the_action_and_server_trouble_throws()
    {
        Fake.Rest = _ => new FakeResponse(403, """{"message":"Missing Permissions","code":50013}""");
        var refused = await Executor.ExecuteAsync(new KickMember(Guild, Bob, "spam"), CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.Contains("Missing Permissions", refused.Error, StringComparison.Ordinal);

        Fake.Rest = _ => new FakeResponse(502, "bad gateway");
        await Assert.ThrowsAsync<DiscordRestException>(() => Executor.ExecuteAsync(new KickMember(Guild, Bob, "spam"), CancellationToken.None));
    }

    [Fact]
    public async Task Long_text_is_split_and_buttons_ride_on_the_last_part()
    {
        var text = new string('a', 1500) + "\n" + new string('b', 1500);

        await Executor.ExecuteAsync(new SendMessage(Guild, "20", text, [new Button("Up", "faq:up:1", ButtonStyle.Success)]), CancellationToken.None);

        var sends = Fake.Requests.Where(r => r.Path == "/channels/20/messages").ToList();
        Assert.Equal(2, sends.Count);
        Assert.Null(sends[0].Json!["components"]);
        Assert.Equal("faq:up:1", (string)sends[1].Json!["components"]![0]!["components"]![0]!["custom_id"]!);
        Assert.Equal(3, (int)sends[1].Json!["components"]![0]!["components"]![0]!["style"]!);
        Assert.Equal("users", (string)sends[1].Json!["allowed_mentions"]!["parse"]![0]!);
    }

    [Fact]
    public async Task A_private_answer_whose_interaction_expired_goes_by_DM_never_to_the_channel()
    {
        var result = await Executor.ExecuteAsync(
            new Reply(Guild, "20", "your infractions: none", Ephemeral: true, InteractionId: "expired", To: Bob), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(["POST /users/@me/channels", "POST /channels/1/messages"], Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal("31", (string)Fake.Requests[0].Json!["recipient_id"]!);
    }

    [Fact]
    public async Task Raid_mode_raises_verification_and_restores_it()
    {
        Fake.Rest = r => r.Method == "GET" && r.Path == "/guilds/10" ? new FakeResponse(200, """{"id":"10","verification_level":1}""") : null;

        await Executor.ExecuteAsync(new RestrictNewMembers(Guild, true, "raid"), CancellationToken.None);
        await Executor.ExecuteAsync(new RestrictNewMembers(Guild, false, "calm"), CancellationToken.None);

        var patches = Fake.Requests.Where(r => r.Method == "PATCH").Select(r => (int)r.Json!["verification_level"]!).ToList();
        Assert.Equal([3, 1], patches);
    }

    [Fact]
    public async Task An_edit_of_a_published_post_sends_its_markdown_unchanged_and_unpins_it()
    {
        const string markdown = "**New \\*title\\***\n\n__better__ body <b>not html</b>";

        var result = await Executor.ExecuteAsync(new EditMessage(Guild, "20", "700", markdown, Formatted: true, Pin: false), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(
            ["PATCH /channels/20/messages/700", "DELETE /channels/20/pins/700"],
            Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal(markdown, (string)Fake.Requests[0].Json!["content"]!);
        Assert.Equal("users", (string)Fake.Requests[0].Json!["allowed_mentions"]!["parse"]![0]!);
    }

    [Fact]
    public async Task An_edit_that_pins_pins_and_one_without_a_pin_change_touches_no_pin()
    {
        await Executor.ExecuteAsync(new EditMessage(Guild, "20", "701", "text", Formatted: true, Pin: true), CancellationToken.None);
        await Executor.ExecuteAsync(new EditMessage(Guild, "20", "702", "text"), CancellationToken.None);

        Assert.Equal(
            ["PATCH /channels/20/messages/701", "PUT /channels/20/pins/701", "PATCH /channels/20/messages/702"],
            Fake.Requests.Select(r => $"{r.Method} {r.Path}"));
    }
}
