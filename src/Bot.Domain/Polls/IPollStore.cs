using Bot.Domain.Model;

namespace Bot.Domain.Polls;

/// <summary>A poll: its options in order, where it was posted, and when it closes (or closed).</summary>
public sealed record Poll(
    long Id,
    CommunityRef Community,
    string Question,
    IReadOnlyList<string> Options,
    UserRef CreatedBy,
    string ChannelId,
    string? MessageId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset? ClosedAt = null)
{
    public bool IsOpen => ClosedAt is null;
}

public interface IPollStore
{
    Task<long> CreateAsync(Poll poll, CancellationToken ct);

    Task<Poll?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    Task SetMessageAsync(CommunityRef community, long id, string messageId, CancellationToken ct);

    /// <summary>Closes the poll; false when it was already closed (so the summary posts once).</summary>
    Task<bool> CloseAsync(CommunityRef community, long id, DateTimeOffset at, CancellationToken ct);

    /// <summary>Records (or changes) a member's vote; returns the option they had chosen before, if any.</summary>
    Task<int?> VoteAsync(CommunityRef community, long id, UserRef user, int option, DateTimeOffset at, CancellationToken ct);

    /// <summary>Votes per option index (every option present, zero when none).</summary>
    Task<IReadOnlyList<int>> CountsAsync(long id, int options, CancellationToken ct);
}
