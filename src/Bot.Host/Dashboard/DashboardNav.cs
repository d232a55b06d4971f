using Bot.Domain.Staff;

namespace Bot.Host.Dashboard;

/// <summary>The pages in the menu, each shown to roles with the permission its chat commands need.</summary>
public static class DashboardNav
{
    public static readonly IReadOnlyList<(string Section, string Href, Permission Needed)> Items =
    [
        ("Overview", "/dashboard", Permission.OpenDashboard),
        ("Content", "/dashboard/content", Permission.DraftContent),
        ("Faq", "/dashboard/faq", Permission.ManageFaq),
        ("Tickets", "/dashboard/tickets", Permission.HandleTickets),
        ("Moderation", "/dashboard/moderation", Permission.Moderate),
    ];
}
