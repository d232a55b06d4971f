using System.Collections.Concurrent;
using Bot.Domain.Model;

namespace Bot.Domain.Faq;

/// <summary>
/// One built index per community, rebuilt when the store's revision moves (an entry or a synonym was added, edited
/// or removed, or members' verdicts changed an entry's weight, by this process or another). Revisions never repeat, so a rolled-back change cannot leave a stale index.
/// </summary>
public sealed class FaqIndexCache
{
    private readonly ConcurrentDictionary<CommunityRef, (long Revision, FaqIndex Index)> _indexes = new();

    public async Task<FaqIndex> GetAsync(CommunityRef community, IFaqStore store, CancellationToken ct)
    {
        var revision = await store.RevisionAsync(community, ct);
        if (_indexes.TryGetValue(community, out var cached) && cached.Revision == revision)
        {
            return cached.Index;
        }

        var lexicon = FaqLexicon.Shipped.With(await store.SynonymsAsync(community, ct));
        var index = FaqIndex.Build(await store.ListAsync(community, ct), lexicon);
        _indexes[community] = (revision, index);
        return index;
    }
}
