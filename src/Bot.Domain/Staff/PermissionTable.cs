using System.Collections.Frozen;

namespace Bot.Domain.Staff;

/// <summary>
/// Staff role → permissions, as data. The defaults follow the handbook's division of duties;
/// <see cref="StaffOptions.Permissions"/> replaces a role's set.
/// </summary>
public sealed class PermissionTable
{
    private static readonly Dictionary<StaffRole, Permission[]> Defaults = new()
    {
        [StaffRole.Moderator] = [Permission.Moderate, Permission.ManageRules, Permission.OpenDashboard],
        [StaffRole.Support] = [Permission.HandleTickets, Permission.ManageFaq, Permission.OpenDashboard],
        [StaffRole.Specialist] = [Permission.DraftContent, Permission.ManageEvents, Permission.ManageFaq, Permission.OpenDashboard],
        [StaffRole.Manager] =
        [
            Permission.Moderate, Permission.ManageRules, Permission.HandleTickets, Permission.ManageFaq,
            Permission.DraftContent, Permission.ApproveContent, Permission.ViewStats, Permission.ManageEvents,
            Permission.ManageTiers, Permission.ManagePrivacy, Permission.ManageSettings, Permission.OpenDashboard,
        ],
        [StaffRole.Owner] = Enum.GetValues<Permission>(),
    };

    private readonly FrozenDictionary<StaffRole, FrozenSet<Permission>> _table;

    public PermissionTable(IReadOnlyDictionary<StaffRole, Permission[]>? overrides = null)
    {
        var merged = new Dictionary<StaffRole, Permission[]>(Defaults);
        foreach (var (role, permissions) in overrides ?? new Dictionary<StaffRole, Permission[]>())
        {
            merged[role] = permissions;
        }

        _table = merged.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.Append(Permission.Everyone).ToFrozenSet());
    }

    public static PermissionTable Default { get; } = new();

    public bool Allows(IReadOnlySet<StaffRole> roles, Permission permission) =>
        permission == Permission.Everyone || roles.Any(r => _table.TryGetValue(r, out var set) && set.Contains(permission));

    /// <summary>The least senior roles that hold <paramref name="permission"/>, for "ask a moderator" replies.</summary>
    public IReadOnlyList<StaffRole> RolesWith(Permission permission) =>
        [.. _table.Where(kv => kv.Value.Contains(permission)).Select(kv => kv.Key).Order()];
}
