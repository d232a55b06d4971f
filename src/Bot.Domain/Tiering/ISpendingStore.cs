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

/// <summary>Spending from the shop: the column mapping each community's export uses, customer keys linked to members, purchases.</summary>
public interface ISpendingStore
{
    Task<SpendingColumns?> GetColumnsAsync(CommunityRef community, CancellationToken ct);

    Task SaveColumnsAsync(CommunityRef community, SpendingColumns columns, DateTimeOffset at, CancellationToken ct);

    /// <summary>The member a customer key (an email, a shop customer id; compared case-insensitively) was linked to.</summary>
    Task<UserRef?> FindLinkAsync(CommunityRef community, string customerKey, CancellationToken ct);

    Task LinkAsync(CommunityRef community, string customerKey, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task RecordAsync(SpendingRecord record, CancellationToken ct);
}
