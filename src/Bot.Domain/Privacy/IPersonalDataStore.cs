using Bot.Domain.Model;

namespace Bot.Domain.Privacy;

/// <summary>
/// Everything the bot holds about one member, across every feature's tables: exported as data, or erased
/// (rows keyed to the member deleted; rows that must stay for audit or moderation kept under the member's pseudonym).
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>Table name → the member's rows, each as column → value.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>> ExportAsync(
        CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>
    /// Returns how many rows were deleted, anonymised or pseudonymised. <paramref name="pseudonym"/> replaces the member's id
    /// where rows stay; moderation's record is kept pseudonymised for <paramref name="strikeDecay"/> (the ladder's longest window).
    /// </summary>
    Task<int> EraseAsync(CommunityRef community, UserRef user, string pseudonym, TimeSpan strikeDecay, CancellationToken ct);
}
