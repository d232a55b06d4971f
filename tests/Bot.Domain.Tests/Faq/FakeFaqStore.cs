using Bot.Domain.Faq;
using Bot.Domain.Model;

namespace Bot.Domain.Tests.Faq;

internal sealed class FakeFaqStore : IFaqStore
{
    private long _revision;

    public Dictionary<long, FaqEntry> Entries { get; } = [];

    public Dictionary<(long Id, string User), bool> Feedback { get; } = [];

    public Dictionary<string, (string Sample, int Count, DateTimeOffset LastAsked)> Gaps { get; } = [];

    public HashSet<string> Off { get; } = [];

    public Dictionary<(string Channel, long Id), DateTimeOffset> Answered { get; } = [];

    public List<FaqQuestion> Questions { get; } = [];

    public List<FaqChoice> Choices { get; } = [];

    public Dictionary<string, FaqSynonym> Synonyms { get; } = [];

    public Task<long> RevisionAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(_revision);

    public Task<IReadOnlyList<FaqEntry>> ListAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FaqEntry>>([.. Entries.Values.OrderBy(e => e.Id)]);

    public Task<FaqEntry?> GetAsync(CommunityRef community, long id, CancellationToken ct) => Task.FromResult(Entries.GetValueOrDefault(id));

    public Task<long> AddAsync(CommunityRef community, FaqDraft draft, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        var id = Entries.Count == 0 ? 1 : Entries.Keys.Max() + 1;
        Entries[id] = new FaqEntry(id, draft.Questions, draft.Answer, draft.Tags);
        _revision++;
        return Task.FromResult(id);
    }

    public Task<bool> UpdateAsync(CommunityRef community, long id, FaqDraft draft, DateTimeOffset at, CancellationToken ct)
    {
        _revision++;
        var found = Entries.ContainsKey(id);
        if (found)
        {
            Entries[id] = Entries[id] with { Questions = draft.Questions, Answer = draft.Answer, Tags = draft.Tags };
        }

        return Task.FromResult(found);
    }

    public Task<bool> RemoveAsync(CommunityRef community, long id, CancellationToken ct)
    {
        _revision++;
        return Task.FromResult(Entries.Remove(id));
    }

    public Task<bool> RecordFeedbackAsync(CommunityRef community, long id, UserRef user, bool helpful, DateTimeOffset at, CancellationToken ct)
    {
        if (!Entries.ContainsKey(id))
        {
            return Task.FromResult(false);
        }

        Feedback[(id, user.Id)] = helpful;
        var entry = Entries[id];
        var votes = Feedback.Where(f => f.Key.Id == id).ToList();
        Entries[id] = entry with { Helpful = votes.Count(v => v.Value), Unhelpful = votes.Count(v => !v.Value) };
        _revision++;
        return Task.FromResult(true);
    }

    public Task<bool> RecordChoiceAsync(FaqChoice choice, CancellationToken ct)
    {
        if (!Entries.TryGetValue(choice.EntryId, out var entry)
            || Choices.Any(c => c.ChannelId == choice.ChannelId && c.MessageId == choice.MessageId && c.User == choice.User))
        {
            return Task.FromResult(false);
        }

        Choices.Add(choice);
        Entries[entry.Id] = entry with { Chosen = entry.Chosen + 1 };
        _revision++;
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<FaqSynonym>> SynonymsAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FaqSynonym>>([.. Synonyms.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value)]);

    public Task SetSynonymAsync(CommunityRef community, string key, FaqSynonym synonym, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        Synonyms[key] = synonym;
        _revision++;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveSynonymAsync(CommunityRef community, string key, CancellationToken ct)
    {
        _revision++;
        return Task.FromResult(Synonyms.Remove(key));
    }

    public Task<FaqGap?> GetGapAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(TopGaps().FirstOrDefault(g => g.Id == id));

    public Task RemoveGapAsync(CommunityRef community, string key, CancellationToken ct)
    {
        Gaps.Remove(key);
        return Task.CompletedTask;
    }

    public Task RecordGapAsync(CommunityRef community, string key, string sample, UserRef author, DateTimeOffset at, CancellationToken ct)
    {
        Gaps[key] = (sample, Gaps.GetValueOrDefault(key).Count + 1, at);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FaqGap>> TopGapsAsync(CommunityRef community, int limit, DateTimeOffset? since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FaqGap>>([.. TopGaps().Where(g => since is null || g.LastAsked >= since).Take(limit)]);

    // A gap's id is the order it was first recorded in, as a sequence would give it.
    private IEnumerable<FaqGap> TopGaps() =>
        Gaps.Select((g, i) => new FaqGap(i + 1, g.Key, g.Value.Sample, g.Value.Count, g.Value.LastAsked)).OrderByDescending(g => g.Count);

    public Task<bool> IsChannelEnabledAsync(CommunityRef community, string channelId, CancellationToken ct) => Task.FromResult(!Off.Contains(channelId));

    public Task SetChannelEnabledAsync(CommunityRef community, string channelId, bool enabled, CancellationToken ct)
    {
        _ = enabled ? Off.Remove(channelId) : Off.Add(channelId);
        return Task.CompletedTask;
    }

    public Task<DateTimeOffset?> LastAnsweredAsync(CommunityRef community, string channelId, long entryId, CancellationToken ct) =>
        Task.FromResult<DateTimeOffset?>(Answered.TryGetValue((channelId, entryId), out var at) ? at : null);

    public Task MarkAnsweredAsync(FaqAnswered answered, CancellationToken ct)
    {
        Answered[(answered.ChannelId, answered.EntryId)] = answered.At;
        return Task.CompletedTask;
    }

    public Task RecordQuestionAsync(FaqQuestion question, CancellationToken ct)
    {
        Questions.Add(question);
        return Task.CompletedTask;
    }
}
