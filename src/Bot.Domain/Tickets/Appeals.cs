using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Tickets;

/// <summary>A member's appeal against a moderation action, as moderation hands it over.</summary>
public sealed record AppealRequest(Member Member, UserRef? ActingModerator, string CaseRef, string Statement);

/// <summary>
/// Called by moderation's <c>/appeal</c>: opens a ticket of kind appeal in a staff thread, to be decided with
/// <c>/ticket decide</c> by a moderator other than the one who acted. Returns the actions to take.
/// </summary>
public interface IAppealDesk
{
    Task<IReadOnlyList<BotAction>> OpenAppealAsync(AppealRequest request, EventContext context, CancellationToken ct);
}

/// <summary>An appeal's outcome; <see cref="Overturned"/> means the moderation action should be undone.</summary>
public sealed record AppealDecision(
    CommunityRef Community,
    long TicketId,
    string CaseRef,
    UserRef Member,
    UserRef DecidedBy,
    bool Overturned,
    string Reason,
    DateTimeOffset At);

/// <summary>Where an appeal's outcome goes: moderation implements it to lift an overturned penalty.</summary>
public interface IAppealOutcomes
{
    Task<IReadOnlyList<BotAction>> DecidedAsync(AppealDecision decision, EventContext context, CancellationToken ct);
}

/// <summary>Until moderation provides its own: the decision is recorded on the ticket and told to the member only.</summary>
public sealed class NoAppealOutcomes : IAppealOutcomes
{
    public Task<IReadOnlyList<BotAction>> DecidedAsync(AppealDecision decision, EventContext context, CancellationToken ct) => FeatureResults.NoneAsync;
}
