using Bot.Domain.Model;

namespace Bot.Domain.Dashboard;

/// <summary>A recorded penalty as the moderation page lists it.</summary>
public sealed record InfractionLine(long Id, string UserId, string Action, string Reason, string? ModeratorId, DateTimeOffset At, bool Pardoned);

/// <summary>An appeal waiting for a decision, with the infraction it is about.</summary>
public sealed record PendingAppeal(long Id, long InfractionId, string UserId, string Text, DateTimeOffset At, string Action, string Reason, string? ModeratorId);

/// <summary>Lists across members that only the dashboard shows (chat commands look at one member at a time).</summary>
public interface IDashboardReads
{
    Task<IReadOnlyList<InfractionLine>> RecentInfractionsAsync(CommunityRef community, int limit, CancellationToken ct);

    Task<IReadOnlyList<PendingAppeal>> PendingAppealsAsync(CommunityRef community, CancellationToken ct);
}
