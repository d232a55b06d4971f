using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Staff;

/// <summary>Bound from the <c>Staff</c> section.</summary>
public sealed class StaffOptions : IValidatableObject
{
    public const string Section = "Staff";

    /// <summary>The staff role a platform administrator gets (Telegram chat admins, Discord Administrator).</summary>
    [Required]
    public StaffRole AdminRole { get; set; } = StaffRole.Moderator;

    /// <summary>
    /// Platform role id → staff role, e.g. <c>"123456789012345678": "Moderator"</c>. Ids only: a role's name can be
    /// given to any new role by anyone allowed to manage roles.
    /// </summary>
    public Dictionary<string, StaffRole> PlatformRoles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Replaces the default permission set of a role.</summary>
    public Dictionary<StaffRole, Permission[]> Permissions { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var key in PlatformRoles.Keys.Where(k => k.Length == 0 || !k.All(char.IsAsciiDigit)))
        {
            yield return new ValidationResult(
                $"Staff:PlatformRoles:{key} is not a role id; staff roles are matched by the platform role's id only (Discord: right-click the role, Copy Role ID).",
                [nameof(PlatformRoles)]);
        }
    }
}
