using Bot.Domain.Model;

namespace Bot.Domain.Staff;

/// <summary>A member's effective staff roles: explicit grants, mapped platform roles, and platform admin/owner.</summary>
public sealed class StaffResolver(IStaffStore store, StaffOptions options)
{
    public async Task<IReadOnlySet<StaffRole>> ResolveAsync(CommunityRef community, Member member, CancellationToken ct)
    {
        var roles = new HashSet<StaffRole>(await store.GetGrantsAsync(community, member.User, ct));
        foreach (var platformRole in member.Roles)
        {
            if (options.PlatformRoles.TryGetValue(platformRole, out var mapped))
            {
                roles.Add(mapped);
            }
        }

        if (member.IsPlatformOwner)
        {
            roles.Add(StaffRole.Owner);
        }
        else if (member.IsPlatformAdmin)
        {
            roles.Add(options.AdminRole);
        }

        return roles;
    }
}
