using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Tickets;

/// <summary>Bound from the <c>Tickets</c> section.</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>A ticket with no staff reply after this long is escalated to managers.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan FirstResponseTarget { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How many of the member's earlier tickets the opening message lists.</summary>
    [Range(0, 10)]
    public int RecentTicketsShown { get; set; } = 3;
}
