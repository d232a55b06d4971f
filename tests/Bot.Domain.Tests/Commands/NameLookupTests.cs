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

/// <summary>A typed name resolves only when one member has it: anyone can take another member's display name.</summary>
public sealed class NameLookupTests
{
    private static readonly CommunityRef Community = new(Platform.Discord, "10");
    private static readonly UserRef Owner = new(Platform.Discord, "1");
    private static readonly UserRef Target = new(Platform.Discord, "200");
    private static readonly UserRef Impostor = new(Platform.Discord, "300");

    private readonly InMemoryCore _core = new();

    private async Task<IReadOnlyList<BotAction>> RunAsync(string arguments)
    {
        var router = new CommandRouter(new CommandCatalog([new StaffCommands(_core, _core, _core)]), _core, _core, PermissionTable.Default);
        var caller = new Member(Owner, "owner", "owner", IsPlatformOwner: true);
        var command = new CommandInvoked("e1", Community, DateTimeOffset.UnixEpoch, "general", caller, "staff", arguments, "m1");
        var context = new EventContext
        {
            Event = command,
            Settings = new CommunitySettings(Community, "en", "UTC"),
            Now = DateTimeOffset.UnixEpoch,
            Actor = caller,
            ActorRoles = new HashSet<StaffRole> { StaffRole.Owner },
        };
        return await router.HandleAsync(context, default);
    }

    private async Task SeeAsync(UserRef user, string displayName, string username, int minutesAgo) =>
        await _core.SeenAsync(Community, new Member(user, displayName, username), DateTimeOffset.UnixEpoch.AddMinutes(-minutesAgo), default);

    [Fact]
    public async Task A_display_name_two_members_share_asks_which_and_grants_nothing()
    {
        await SeeAsync(Target, "Alice", "alice_real", 60);
        // The impostor took the same display name and spoke last.
        await SeeAsync(Impostor, "Alice", "mallory", 1);

        var reply = Assert.IsType<Reply>(Assert.Single(await RunAsync("grant Alice manager")));

        Assert.Contains("Several members are called \"Alice\"", reply.Text, StringComparison.Ordinal);
        Assert.Contains("(200)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("(300)", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_core.Grants);
    }

    [Fact]
    public async Task A_mention_or_an_id_names_exactly_one_member()
    {
        await SeeAsync(Target, "Alice", "alice_real", 60);
        await SeeAsync(Impostor, "Alice", "mallory", 1);

        await RunAsync("grant <@200> manager");
        await RunAsync("grant 300 support");

        Assert.Contains((Community, Target, StaffRole.Manager), _core.Grants);
        Assert.Contains((Community, Impostor, StaffRole.Support), _core.Grants);
        Assert.Equal(2, _core.Grants.Count);
    }

    [Fact]
    public async Task A_name_only_one_member_has_still_resolves()
    {
        await SeeAsync(Target, "Alice", "alice_real", 60);

        await RunAsync("grant @alice_real moderator");

        Assert.Equal((Community, Target, StaffRole.Moderator), Assert.Single(_core.Grants));
    }
}
