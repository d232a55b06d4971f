using Bot.Domain.Model;

namespace Bot.Domain.Surveys;

/// <summary>A community's survey schedule: where and how often the survey is posted.</summary>
public sealed record SurveySchedule(string ChannelId, int EveryDays);

/// <summary>One round of the survey, open for answers until <see cref="ClosesAt"/>.</summary>
public sealed record Survey(long Id, CommunityRef Community, string ChannelId, DateTimeOffset StartedAt, DateTimeOffset ClosesAt);

public interface ISurveyStore
{
    Task<SurveySchedule?> GetScheduleAsync(CommunityRef community, CancellationToken ct);

    Task SetScheduleAsync(CommunityRef community, SurveySchedule schedule, UserRef by, CancellationToken ct);

    Task<bool> ClearScheduleAsync(CommunityRef community, CancellationToken ct);

    Task<long> CreateAsync(Survey survey, CancellationToken ct);

    Task<Survey?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Records (or changes) a member's 1–5 answer to a round.</summary>
    Task RespondAsync(CommunityRef community, long id, UserRef user, int rating, DateTimeOffset at, CancellationToken ct);

    /// <summary>Adds a comment to the member's answer of a round still open at <paramref name="now"/>; the round's id, or null when there is none.</summary>
    Task<long?> CommentAsync(CommunityRef community, UserRef user, string comment, DateTimeOffset now, CancellationToken ct);
}
