using Bot.Domain.Faq;
using Bot.Domain.Model;

namespace Bot.Domain.Tests.Faq;

internal sealed class FakeFaqStore : IFaqStore
{
    private long _revision;

    public Dictionary<long, FaqEntry> Entries { get; } = [];

    public Dictionary<(long Id, string User), bool> Feedback { get; } = [];

    public Dictionary<string, (string Sample, int Count)> Gaps { get; } = [];

    public HashSet<string> Off { get; } = [];

    public Dictionary<(string Channel, long Id), DateTimeOffset> Answered { get; } = [];

    public List<FaqQuestion> Questions { get; } = [];

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
            Entries[id] = new FaqEntry(id, draft.Questions, draft.Answer, draft.Tags);
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
        return Task.FromResult(true);
    }

    public Task RecordGapAsync(CommunityRef community, string key, string sample, UserRef author, DateTimeOffset at, CancellationToken ct)
    {
        Gaps[key] = (sample, Gaps.GetValueOrDefault(key).Count + 1);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FaqGap>> TopGapsAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FaqGap>>([.. Gaps.Values.OrderByDescending(g => g.Count).Take(limit).Select(g => new FaqGap(g.Sample, g.Count, DateTimeOffset.UnixEpoch))]);

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
