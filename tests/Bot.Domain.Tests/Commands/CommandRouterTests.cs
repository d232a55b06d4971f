using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Fakes;

namespace Bot.Domain.Tests.Commands;

public sealed class CommandRouterTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "test");
    private readonly InMemoryCore _core = new();
    private readonly InMemoryChats _chats = new();
    private readonly FakeChatDirectory _directory = new(Platform.Console);

    private static Member MemberNamed(string name) => new(new UserRef(Platform.Console, name), name, name);

    private async Task<IReadOnlyList<BotAction>> InvokeAsync(string caller, string name, string arguments, string language = "en")
    {
        var staff = new StaffCommands(_core, _core, _core, _chats);
        var catalog = new CommandCatalog([staff, new CommunityCommands(_chats, _core, _core)]);
        var router = new CommandRouter(catalog, _core, _core, PermissionTable.Default, new ChatTrust([_directory], _chats));
        var member = MemberNamed(caller);
        var roles = await new StaffResolver(_core, new StaffOptions()).ResolveAsync(Community, member, default);
        var context = new EventContext
        {
            Event = new CommandInvoked("e", Community, DateTimeOffset.UnixEpoch, "general", member, name, arguments, "m1"),
            Settings = new CommunitySettings(Community, language, "UTC"),
            Now = DateTimeOffset.UnixEpoch,
            Actor = member,
            ActorRoles = roles,
        };
        return await router.HandleAsync(context, default);
    }

    [Fact]
    public async Task A_staff_chat_the_caller_does_not_administer_is_refused_with_the_reason_and_nothing_is_linked()
    {
        _core.Grants.Add((Community, new UserRef(Platform.Console, "alice"), StaffRole.Owner));
        _directory.Facts["theirs"] = new ChatFacts("theirs", "Their staff", Exists: true, BotPresent: true, CallerAdministers: false, ContainerId: "test");

        var reply = Assert.IsType<Reply>(Assert.Single(await InvokeAsync("alice", "staff", "channel #theirs")));

        Assert.Contains("not an administrator of theirs", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_chats.Links);
        Assert.Empty(_core.Communities);
    }

    [Fact]
    public async Task A_staff_chat_and_a_second_group_are_linked_listed_and_unlinked()
    {
        _core.Grants.Add((Community, new UserRef(Platform.Console, "alice"), StaffRole.Owner));

        await InvokeAsync("alice", "staff", "channel #staffroom");
        await InvokeAsync("alice", "community", "link #second");
        var listed = Assert.IsType<Reply>(Assert.Single(await InvokeAsync("alice", "community", "chats")));
        await InvokeAsync("alice", "community", "unlink second");

        Assert.Equal("staffroom", _core.Communities[Community].StaffChannelId);
        Assert.Contains("staffroom", listed.Text, StringComparison.Ordinal);
        Assert.Contains("second", listed.Text, StringComparison.Ordinal);
        Assert.Equal(ChatRole.Staff, Assert.Single(_chats.Links.Values).Role);
    }

    [Theory]
    [InlineData("community", "", "/community link|unlink|chats")]
    [InlineData("community", "join #second", "/community link|unlink|chats")]
    [InlineData("community", "link", "Usage: /community link <chat> [member|announcement]")]
    [InlineData("community", "link #second staff", "Usage: /community link <chat> [member|announcement]")]
    [InlineData("community", "link #second member now", "Usage: /community link <chat> [member|announcement]")]
    [InlineData("community", "link <#>", "Usage: /community link <chat> [member|announcement]")]
    [InlineData("community", "link test", "already")]
    [InlineData("community", "unlink", "Usage: /community unlink <chat>")]
    [InlineData("community", "unlink #nowhere", "nowhere")]
    [InlineData("community", "chats all", "Usage: /community chats")]
    [InlineData("staff", "channel #a #b", "Usage: /staff channel [channel]")]
    [InlineData("staff", "channel #", "Usage: /staff channel [channel]")]
    [InlineData("staff", "channel <#>", "Usage: /staff channel [channel]")]
    public async Task A_malformed_community_or_staff_channel_command_answers_how_to_use_it_and_changes_nothing(string name, string arguments, string answer)
    {
        _core.Grants.Add((Community, new UserRef(Platform.Console, "alice"), StaffRole.Owner));

        var reply = Assert.IsType<Reply>(Assert.Single(await InvokeAsync("alice", name, arguments)));

        Assert.Contains(answer, reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Ephemeral);
        Assert.Empty(_chats.Links);
        Assert.Empty(_core.Communities);
    }

    [Fact]
    public async Task A_member_is_refused_a_staff_command_and_nothing_changes()
    {
        await _core.SeenAsync(Community, MemberNamed("bob"), DateTimeOffset.UnixEpoch, default);

        var actions = await InvokeAsync("mallory", "staff", "grant @bob owner");

        var reply = Assert.IsType<Reply>(Assert.Single(actions));
        Assert.Contains("may not use /staff grant", reply.Text, StringComparison.Ordinal);
        Assert.True(reply.Ephemeral);
        Assert.Empty(_core.Grants);
        Assert.Empty(_core.Audit);
    }

    [Fact]
    public async Task An_owner_grants_a_role_and_it_is_audited()
    {
        await _core.SeenAsync(Community, MemberNamed("bob"), DateTimeOffset.UnixEpoch, default);
        _core.Grants.Add((Community, new UserRef(Platform.Console, "alice"), StaffRole.Owner));

        var actions = await InvokeAsync("alice", "staff", "grant @bob moderator");

        Assert.Contains("bob is now moderator", Assert.IsType<Reply>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Contains((Community, new UserRef(Platform.Console, "bob"), StaffRole.Moderator), _core.Grants);
        Assert.Contains(_core.Audit, a => a.Action == "staff-grant" && a.Target == new UserRef(Platform.Console, "bob"));
    }

    [Fact]
    public async Task A_usage_error_explains_and_shows_usage()
    {
        _core.Grants.Add((Community, new UserRef(Platform.Console, "alice"), StaffRole.Owner));

        var actions = await InvokeAsync("alice", "staff", "grant @ghost moderator");

        var text = Assert.IsType<Reply>(Assert.Single(actions)).Text;
        Assert.Contains("No member \"@ghost\"", text, StringComparison.Ordinal);
        Assert.Contains("Usage: /staff grant <user>", text, StringComparison.Ordinal);
        Assert.Empty(_core.Audit);
    }

    [Fact]
    public async Task Unknown_commands_and_subcommands_answer_in_the_community_language()
    {
        var unknown = await InvokeAsync("alice", "nope", string.Empty, "zh-TW");
        Assert.Contains("未知的指令 /nope", Assert.IsType<Reply>(Assert.Single(unknown)).Text, StringComparison.Ordinal);

        var missing = await InvokeAsync("alice", "staff", "dance");
        Assert.Contains("/staff grant|revoke|list|channel", Assert.IsType<Reply>(Assert.Single(missing)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_command_names_are_refused_at_start()
    {
        var staff = new StaffCommands(_core, _core, _core, new Bot.Domain.Tests.Fakes.InMemoryChats());
        Assert.Throws<InvalidOperationException>(() => new CommandCatalog([staff, new StaffCommands(_core, _core, _core, new Bot.Domain.Tests.Fakes.InMemoryChats())]));
    }
}
