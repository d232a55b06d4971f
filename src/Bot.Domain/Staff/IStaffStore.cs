using Bot.Domain.Model;

namespace Bot.Domain.Staff;

/// <summary>Staff roles granted with <c>/staff grant</c> (platform roles are mapped by configuration instead).</summary>
public interface IStaffStore
{
    Task<IReadOnlySet<StaffRole>> GetGrantsAsync(CommunityRef community, UserRef user, CancellationToken ct);

    Task<bool> GrantAsync(CommunityRef community, UserRef user, StaffRole role, UserRef by, CancellationToken ct);

    Task<bool> RevokeAsync(CommunityRef community, UserRef user, StaffRole role, CancellationToken ct);

    Task<IReadOnlyList<(UserRef User, StaffRole Role)>> ListAsync(CommunityRef community, CancellationToken ct);

    /// <summary>
    /// Remembers the roles a member's platform standing (admin, owner, mapped platform roles) gave them when last seen,
    /// so a rank check knows them when the member is the target of a command rather than its caller.
    /// </summary>
    Task RememberPlatformRolesAsync(CommunityRef community, UserRef user, IReadOnlySet<StaffRole> roles, CancellationToken ct);

    Task<IReadOnlySet<StaffRole>> GetPlatformRolesAsync(CommunityRef community, UserRef user, CancellationToken ct);
}
