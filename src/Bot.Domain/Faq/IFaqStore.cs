using Bot.Domain.Model;

namespace Bot.Domain.Faq;

/// <summary>The FAQ's state: entries, feedback, unanswered questions, per-channel switches and the answer cooldown.</summary>
public interface IFaqStore
{
    /// <summary>Changes whenever an entry is added, edited or removed, so a cached index knows it is stale.</summary>
    Task<long> RevisionAsync(CommunityRef community, CancellationToken ct);

    Task<IReadOnlyList<FaqEntry>> ListAsync(CommunityRef community, CancellationToken ct);

    Task<FaqEntry?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    Task<long> AddAsync(CommunityRef community, FaqDraft draft, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<bool> UpdateAsync(CommunityRef community, long id, FaqDraft draft, DateTimeOffset at, CancellationToken ct);

    Task<bool> RemoveAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>One vote per member and entry; voting again replaces the vote. False when the entry is gone.</summary>
    Task<bool> RecordFeedbackAsync(CommunityRef community, long id, UserRef user, bool helpful, DateTimeOffset at, CancellationToken ct);

    /// <summary>Counts an unanswered question; <paramref name="sample"/> (by <paramref name="author"/>, kept for erasure) shows it.</summary>
    Task RecordGapAsync(CommunityRef community, string key, string sample, UserRef author, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<FaqGap>> TopGapsAsync(CommunityRef community, int limit, CancellationToken ct);

    /// <summary>Channels are on unless switched off.</summary>
    Task<bool> IsChannelEnabledAsync(CommunityRef community, string channelId, CancellationToken ct);

    Task SetChannelEnabledAsync(CommunityRef community, string channelId, bool enabled, CancellationToken ct);

    Task<DateTimeOffset?> LastAnsweredAsync(CommunityRef community, string channelId, long entryId, CancellationToken ct);

    Task MarkAnsweredAsync(FaqAnswered answered, CancellationToken ct);

    /// <summary>Logs a question once per message (a repeated delivery changes nothing).</summary>
    Task RecordQuestionAsync(FaqQuestion question, CancellationToken ct);
}
