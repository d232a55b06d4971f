using Bot.Domain.Model;

namespace Bot.Domain.Tickets;

public enum TicketKind
{
    Support,
    Appeal,
}

/// <summary>Opening: the staff thread is being created; Failed: it could not be.</summary>
public enum TicketStatus
{
    Opening,
    Open,
    Closed,
    Failed,
}

/// <summary>
/// A member's conversation with staff, relayed between the member's private messages and a staff thread.
/// An appeal names the moderator who acted (<see cref="ActingModerator"/>), who may not decide it.
/// </summary>
public sealed record Ticket(
    long Id,
    CommunityRef Community,
    UserRef Member,
    string MemberName,
    TicketKind Kind,
    TicketStatus Status,
    string Subject,
    DateTimeOffset OpenedAt,
    string? ThreadId = null,
    UserRef? Assignee = null,
    DateTimeOffset? FirstResponseAt = null,
    DateTimeOffset? ClosedAt = null,
    UserRef? ClosedBy = null,
    string? CloseReason = null,
    int? Rating = null,
    DateTimeOffset? EscalatedAt = null,
    UserRef? ActingModerator = null,
    string? CaseRef = null,
    string? Decision = null)
{
    public bool IsOpen => Status is TicketStatus.Opening or TicketStatus.Open;
}

public enum TicketEntryKind
{
    Member,
    Staff,
    Note,
    System,
}

/// <summary>One line of a ticket's transcript. A member's line is <see cref="Relayed"/> once it reached the staff thread.</summary>
public sealed record TicketMessage(
    long TicketId,
    DateTimeOffset At,
    UserRef Author,
    string AuthorName,
    TicketEntryKind Kind,
    string Text,
    bool Relayed = true);
