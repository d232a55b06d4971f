using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Staff;

/// <summary>Bound from the <c>Staff</c> section.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>The staff role a platform administrator gets (Telegram chat admins, Discord Administrator).</summary>
    [Required]
    public StaffRole AdminRole { get; set; } = StaffRole.Moderator;

    /// <summary>Platform role name or id → staff role, e.g. <c>"Mods": "Moderator"</c>.</summary>
    public Dictionary<string, StaffRole> PlatformRoles { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Replaces the default permission set of a role.</summary>
    public Dictionary<StaffRole, Permission[]> Permissions { get; set; } = [];
}
