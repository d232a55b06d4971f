using Bot.Domain.Model;

namespace Bot.Domain.Suggestions;

public enum SuggestionStatus
{
    Open,
    Accepted,
    Declined,
    Duplicate,
}

public sealed record Suggestion(
    long Id,
    CommunityRef Community,
    UserRef Author,
    string Text,
    string Topic,
    SuggestionStatus Status,
    DateTimeOffset CreatedAt);

/// <summary>A topic and how many suggestions named it in a period: the hot issues (熱點問題).</summary>
public sealed record TopicCount(string Topic, int Count);

public interface ISuggestionStore
{
    Task<long> CreateAsync(Suggestion suggestion, CancellationToken ct);

    Task<Suggestion?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Decides an open suggestion; false when it was already decided.</summary>
    Task<bool> DecideAsync(CommunityRef community, long id, SuggestionStatus status, UserRef by, DateTimeOffset at, CancellationToken ct);

    /// <summary>Suggestions per topic made in [from, to), most first.</summary>
    Task<IReadOnlyList<TopicCount>> TopicsAsync(CommunityRef community, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct);
}
