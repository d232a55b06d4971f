using Bot.Domain.Model;

namespace Bot.Domain.Privacy;

/// <summary>
/// Everything the bot holds about one member, across every feature's tables: exported as data, or erased
/// (rows keyed to the member deleted; rows that must stay for audit kept with the member's id anonymised).
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>Table name → the member's rows, each as column → value.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyDictionary<string, object?>>>> ExportAsync(
        CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>Returns how many rows were deleted or anonymised.</summary>
    Task<int> EraseAsync(CommunityRef community, UserRef user, string anonymousId, CancellationToken ct);
}
