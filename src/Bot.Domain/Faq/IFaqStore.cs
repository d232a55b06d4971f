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

    /// <summary>
    /// One vote per member and entry; voting again replaces the vote. False when the entry is gone. Votes move
    /// the revision (entries' weights change), by the end of the batch at the latest.
    /// </summary>
    Task<bool> RecordFeedbackAsync(CommunityRef community, long id, UserRef user, bool helpful, DateTimeOffset at, CancellationToken ct);

    /// <summary>A member's pick from a "Did you mean…?" offer: once per member and offer; false when already picked or the entry is gone.</summary>
    Task<bool> RecordChoiceAsync(FaqChoice choice, CancellationToken ct);

    /// <summary>The community's own synonyms (shipped ones are data in the domain).</summary>
    Task<IReadOnlyList<FaqSynonym>> SynonymsAsync(CommunityRef community, CancellationToken ct);

    /// <summary>Adds or replaces the synonym stored under <paramref name="key"/> (its folded word); moves the revision.</summary>
    Task SetSynonymAsync(CommunityRef community, string key, FaqSynonym synonym, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<bool> RemoveSynonymAsync(CommunityRef community, string key, CancellationToken ct);

    Task<FaqGap?> GetGapAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Forgets an unanswered question once staff have attached it to an entry.</summary>
    Task RemoveGapAsync(CommunityRef community, string key, CancellationToken ct);

    /// <summary>Counts an unanswered question; <paramref name="sample"/> (by <paramref name="author"/>, kept for erasure) shows it.</summary>
    Task RecordGapAsync(CommunityRef community, string key, string sample, UserRef author, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// The most asked questions no entry answered, most asked first; with <paramref name="since"/>, only those asked
    /// since then (the weekly report's gaps).
    /// </summary>
    Task<IReadOnlyList<FaqGap>> TopGapsAsync(CommunityRef community, int limit, DateTimeOffset? since, CancellationToken ct);

    /// <summary>Channels are on unless switched off.</summary>
    Task<bool> IsChannelEnabledAsync(CommunityRef community, string channelId, CancellationToken ct);

    Task SetChannelEnabledAsync(CommunityRef community, string channelId, bool enabled, CancellationToken ct);

    Task<DateTimeOffset?> LastAnsweredAsync(CommunityRef community, string channelId, long entryId, CancellationToken ct);

    Task MarkAnsweredAsync(FaqAnswered answered, CancellationToken ct);

    /// <summary>Logs a question once per message (a repeated delivery changes nothing).</summary>
    Task RecordQuestionAsync(FaqQuestion question, CancellationToken ct);
}
