using Bot.Domain.Model;

namespace Bot.Domain.Tiering;

/// <summary>Adds points to standings: activity directly, contribution and spending through the audited ledger.</summary>
public sealed class TierPoints(ITieringStore store, TieringOptions options) : IContributionCredits
{
    public async Task<TierStanding> AddActivityAsync(CommunityRef community, UserRef user, PointKind kind, double points, DateTimeOffset at, CancellationToken ct)
    {
        var standing = await store.GetAsync(community, user, forUpdate: true, ct) ?? TierStanding.New(community, user, at);
        standing = standing.Add(kind, points, at, options.HalfLife);
        await store.SaveAsync(standing, ct);
        return standing;
    }

    /// <summary>Records and adds a credit; null when its reference was credited before.</summary>
    public async Task<TierStanding?> CreditAsync(PointEntry entry, CancellationToken ct)
    {
        if (!await store.AppendAsync(entry, ct))
        {
            return null;
        }

        var standing = await store.GetAsync(entry.Community, entry.User, forUpdate: true, ct) ?? TierStanding.New(entry.Community, entry.User, entry.At);
        standing = standing.Add(entry.Kind, entry.Points, entry.At, options.HalfLife);
        await store.SaveAsync(standing, ct);
        return standing;
    }

    public async Task<bool> CreditAsync(CommunityRef community, UserRef user, ContributionSource source, string reference, DateTimeOffset at, CancellationToken ct)
    {
        var (kind, points) = source == ContributionSource.EventEntry
            ? (PointKind.EventEntry, options.EventEntryPoints)
            : (PointKind.Content, options.ContentPoints);
        return await CreditAsync(new PointEntry(community, user, at, kind, points, null, $"{kind}:{reference}", null), ct) is not null;
    }
}
