using Bot.Domain.Model;

namespace Bot.Domain.Tiering;

/// <summary>A purchase credited to a member, kept as personal data (export, erasure, retention).</summary>
public sealed record SpendingRecord(
    CommunityRef Community,
    string Key,
    UserRef User,
    string CustomerKey,
    decimal Amount,
    string? Currency,
    DateTimeOffset PurchasedAt,
    string Source,
    DateTimeOffset RecordedAt);

/// <summary>A purchase's ledger entry (its reference makes it count once) and its record.</summary>
public sealed record SpendingCredit(PointEntry Entry, SpendingRecord Record);

/// <summary>Spending from the shop: the column mapping each community's export uses, customer keys linked to members, purchases.</summary>
public interface ISpendingStore
{
    Task<SpendingColumns?> GetColumnsAsync(CommunityRef community, CancellationToken ct);

    Task SaveColumnsAsync(CommunityRef community, SpendingColumns columns, DateTimeOffset at, CancellationToken ct);

    /// <summary>The members customer keys (emails, shop customer ids; compared case-insensitively) were linked to, by key as given.</summary>
    Task<IReadOnlyDictionary<string, UserRef>> FindLinksAsync(CommunityRef community, IReadOnlyList<string> customerKeys, CancellationToken ct);

    Task LinkAsync(CommunityRef community, string customerKey, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Appends the credits to the tier ledger and keeps their purchase records, skipping any whose reference was recorded
    /// before; returns the references recorded now. The standings are the caller's to update.
    /// </summary>
    Task<IReadOnlySet<string>> RecordAsync(IReadOnlyList<SpendingCredit> credits, CancellationToken ct);
}
