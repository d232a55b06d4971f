using Bot.Domain.Model;

namespace Bot.Domain.Staff;

/// <summary>Staff roles granted with <c>/staff grant</c> (platform roles are mapped by configuration instead).</summary>
public interface IStaffStore
{
    Task<IReadOnlySet<StaffRole>> GetGrantsAsync(CommunityRef community, UserRef user, CancellationToken ct);

    Task<bool> GrantAsync(CommunityRef community, UserRef user, StaffRole role, UserRef by, CancellationToken ct);

    Task<bool> RevokeAsync(CommunityRef community, UserRef user, StaffRole role, CancellationToken ct);

    Task<IReadOnlyList<(UserRef User, StaffRole Role)>> ListAsync(CommunityRef community, CancellationToken ct);
}
