using Bot.Domain.Model;

namespace Bot.Domain.Tickets;

public interface ITicketStore
{
    /// <summary>Stores a new ticket (its <see cref="Ticket.Id"/> is ignored) and returns it with its id.</summary>
    Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct);

    Task<Ticket?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Writes the ticket's changing fields: status, thread, assignee, times, reason, rating.</summary>
    Task SaveAsync(Ticket ticket, CancellationToken ct);

    Task<Ticket?> FindOpenAsync(CommunityRef community, UserRef member, TicketKind kind, CancellationToken ct);

    /// <summary>The member's most recent open ticket in any community of their platform (private messages carry no community).</summary>
    Task<Ticket?> FindOpenForUserAsync(UserRef member, CancellationToken ct);

    Task<Ticket?> FindByThreadAsync(CommunityRef community, string threadId, CancellationToken ct);

    /// <summary>Remembers a message the bot posted into the ticket's staff thread (a member's line relayed), so a reply to it finds the ticket.</summary>
    Task AddStaffMessageAsync(CommunityRef community, long ticketId, string messageId, CancellationToken ct);

    /// <summary>The ticket whose staff thread holds the bot's message <paramref name="messageId"/> (see <see cref="AddStaffMessageAsync"/>).</summary>
    Task<Ticket?> FindByStaffMessageAsync(CommunityRef community, string messageId, CancellationToken ct);

    Task<IReadOnlyList<Ticket>> ListOpenAsync(CommunityRef community, CancellationToken ct);

    Task<IReadOnlyList<Ticket>> RecentForMemberAsync(CommunityRef community, UserRef member, int limit, CancellationToken ct);

    Task AppendAsync(TicketMessage message, CancellationToken ct);

    Task<IReadOnlyList<TicketMessage>> TranscriptAsync(long ticketId, CancellationToken ct);

    /// <summary>Marks the member's lines written before the thread existed as delivered.</summary>
    Task MarkRelayedAsync(long ticketId, CancellationToken ct);
}
