namespace Bot.Domain.Staff;

/// <summary>The operations team's roles (社群運營經理/專員/客服 plus moderators and the owner).</summary>
public enum StaffRole
{
    Moderator,
    Support,
    Specialist,
    Manager,
    Owner,
}

/// <summary>What a command needs. <see cref="Everyone"/> is any member.</summary>
public enum Permission
{
    Everyone,
    Moderate,
    ManageRules,
    HandleTickets,
    ManageFaq,
    DraftContent,
    ApproveContent,
    ViewStats,
    ManageEvents,
    ManageTiers,
    ManagePrivacy,
    ManageStaff,
    ManageSettings,

    /// <summary>Sign in to the web dashboard: every staff role has it by default.</summary>
    OpenDashboard,
}
