namespace Bot.Domain.Engagement.Contests;

public enum VoteOutcome
{
    Counted,
    Moved,
    AlreadyVoted,
    OwnEntry,
    Closed,
}

/// <summary>One vote per member per contest (a new choice moves it), never for one's own entry, only before the deadline.</summary>
public static class VoteRules
{
    public static VoteOutcome Decide(Contest contest, ContestEntry entry, string voterId, long? currentVote, DateTimeOffset now) =>
        !contest.IsOpenAt(now) ? VoteOutcome.Closed
        : entry.UserId == voterId ? VoteOutcome.OwnEntry
        : currentVote == entry.Id ? VoteOutcome.AlreadyVoted
        : currentVote is null ? VoteOutcome.Counted
        : VoteOutcome.Moved;
}
