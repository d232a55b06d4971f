using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Staff;

public sealed class PermissionTableTests
{
    [Fact]
    public void Defaults_follow_the_handbook_division_of_duties()
    {
        var table = PermissionTable.Default;
        Assert.True(table.Allows(new HashSet<StaffRole> { StaffRole.Moderator }, Permission.Moderate));
        Assert.False(table.Allows(new HashSet<StaffRole> { StaffRole.Moderator }, Permission.ApproveContent));
        Assert.False(table.Allows(new HashSet<StaffRole> { StaffRole.Specialist }, Permission.ApproveContent));
        Assert.True(table.Allows(new HashSet<StaffRole> { StaffRole.Manager }, Permission.ApproveContent));
        Assert.True(table.Allows(new HashSet<StaffRole> { StaffRole.Support }, Permission.HandleTickets));
        Assert.False(table.Allows(new HashSet<StaffRole>(), Permission.Moderate));
        Assert.True(table.Allows(new HashSet<StaffRole>(), Permission.Everyone));
        Assert.All(Enum.GetValues<Permission>(), p => Assert.True(table.Allows(new HashSet<StaffRole> { StaffRole.Owner }, p)));
    }

    [Fact]
    public void Configuration_replaces_a_role_set()
    {
        var table = new PermissionTable(new Dictionary<StaffRole, Permission[]> { [StaffRole.Support] = [Permission.ViewStats] });
        Assert.True(table.Allows(new HashSet<StaffRole> { StaffRole.Support }, Permission.ViewStats));
        Assert.False(table.Allows(new HashSet<StaffRole> { StaffRole.Support }, Permission.HandleTickets));
    }

    [Fact]
    public async Task Platform_admins_and_mapped_roles_become_staff()
    {
        var store = new Fakes.InMemoryCore();
        var options = new StaffOptions { AdminRole = StaffRole.Manager };
        options.PlatformRoles["50"] = StaffRole.Moderator;
        var resolver = new StaffResolver(store, options);
        var community = new Model.CommunityRef(Model.Platform.Discord, "1");

        var admin = await resolver.ResolveAsync(community, new Model.Member(new Model.UserRef(Model.Platform.Discord, "1"), "a", IsPlatformAdmin: true), default);
        var mod = await resolver.ResolveAsync(community, new Model.Member(new Model.UserRef(Model.Platform.Discord, "2"), "b", PlatformRoles: ["50"]), default);
        var owner = await resolver.ResolveAsync(community, new Model.Member(new Model.UserRef(Model.Platform.Discord, "3"), "c", IsPlatformAdmin: true, IsPlatformOwner: true), default);

        Assert.Equal([StaffRole.Manager], admin);
        Assert.Equal([StaffRole.Moderator], mod);
        Assert.Contains(StaffRole.Owner, owner);
    }

    [Fact]
    public void A_platform_role_given_by_name_stops_start_up_naming_the_key()
    {
        var options = new StaffOptions();
        options.PlatformRoles["Mods"] = StaffRole.Moderator;
        options.PlatformRoles["123456789012345678"] = StaffRole.Manager;

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        var error = Assert.Single(errors);
        Assert.Contains("Staff:PlatformRoles:Mods is not a role id", error.ErrorMessage, StringComparison.Ordinal);
    }
}
