using Bot.Domain.Model;

namespace Bot.Domain.Staff;

/// <summary>A member's effective staff roles: explicit grants, mapped platform roles, and platform admin/owner.</summary>
public sealed class StaffResolver(IStaffStore store, StaffOptions options)
{
    public async Task<IReadOnlySet<StaffRole>> ResolveAsync(CommunityRef community, Member member, CancellationToken ct)
    {
        var fromPlatform = new HashSet<StaffRole>();
        foreach (var platformRole in member.Roles)
        {
            if (options.PlatformRoles.TryGetValue(platformRole, out var mapped))
            {
                fromPlatform.Add(mapped);
            }
        }

        if (member.IsPlatformOwner)
        {
            fromPlatform.Add(StaffRole.Owner);
        }
        else if (member.IsPlatformAdmin)
        {
            fromPlatform.Add(options.AdminRole);
        }

        await store.RememberPlatformRolesAsync(community, member.User, fromPlatform, ct);
        var roles = new HashSet<StaffRole>(await store.GetGrantsAsync(community, member.User, ct));
        roles.UnionWith(fromPlatform);
        return roles;
    }

    /// <summary>The roles of a member who is not acting now: their grants and what their platform standing gave them when last seen.</summary>
    public async Task<IReadOnlySet<StaffRole>> KnownRolesAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        var roles = new HashSet<StaffRole>(await store.GetGrantsAsync(community, user, ct));
        roles.UnionWith(await store.GetPlatformRolesAsync(community, user, ct));
        return roles;
    }

    /// <summary>owner 3 &gt; manager 2 &gt; moderator, specialist, support 1 &gt; member 0.</summary>
    public static int Rank(IReadOnlySet<StaffRole> roles) =>
        roles.Count == 0 ? 0 : roles.Max(r => r switch { StaffRole.Owner => 3, StaffRole.Manager => 2, _ => 1 });

    /// <summary>Nobody acts on someone of equal or higher rank (a member with no staff role is rank 0).</summary>
    public async Task<bool> OutranksAsync(CommunityRef community, IReadOnlySet<StaffRole> actorRoles, UserRef target, CancellationToken ct) =>
        Rank(actorRoles) > Rank(await KnownRolesAsync(community, target, ct));
}
