using Bot.Domain.Model;

namespace Bot.Domain.Engagement.Contests;

/// <summary>A contest (競賽活動): members submit until the deadline and vote on each other's entries.</summary>
public sealed record Contest(
    long Id,
    CommunityRef Community,
    string ChannelId,
    string Title,
    DateTimeOffset Deadline,
    UserRef CreatedBy,
    DateTimeOffset? ClosedAt = null)
{
    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && now < Deadline;
}

public sealed record ContestEntry(long Id, long ContestId, string UserId, string DisplayName, string Text, DateTimeOffset At);

public sealed record ContestStanding(ContestEntry Entry, int Votes);

public interface IContestStore
{
    /// <summary>Stores a new contest (its <see cref="Contest.Id"/> is ignored) and returns its id.</summary>
    Task<long> CreateAsync(Contest contest, CancellationToken ct);

    Task<Contest?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Reads and locks the contest until the batch commits, so that it closes once.</summary>
    Task<Contest?> LockAsync(CommunityRef community, long id, CancellationToken ct);

    Task CloseAsync(CommunityRef community, long id, DateTimeOffset at, CancellationToken ct);

    /// <summary>The member's entry in the contest, if any.</summary>
    Task<ContestEntry?> EntryOfAsync(CommunityRef community, long contestId, string userId, CancellationToken ct);

    Task<ContestEntry?> EntryAsync(CommunityRef community, long entryId, CancellationToken ct);

    /// <summary>Stores a new entry (its id is ignored) and returns its id.</summary>
    Task<long> SubmitAsync(CommunityRef community, ContestEntry entry, CancellationToken ct);

    /// <summary>The entry the member has voted for in the contest, if any.</summary>
    Task<long?> VoteOfAsync(CommunityRef community, long contestId, string voterId, CancellationToken ct);

    /// <summary>Sets the member's one vote in the contest (replacing an earlier one).</summary>
    Task VoteAsync(CommunityRef community, long contestId, string voterId, long entryId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Every entry with its votes, most votes first, earlier entries first on a tie.</summary>
    Task<IReadOnlyList<ContestStanding>> StandingsAsync(CommunityRef community, long contestId, CancellationToken ct);
}
