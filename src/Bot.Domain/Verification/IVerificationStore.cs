using Bot.Domain.Model;

namespace Bot.Domain.Verification;

/// <summary>A community's welcome text (null: none set) and whether newcomers must verify.</summary>
public sealed record VerificationSettings(string? Welcome, bool Enabled)
{
    public static readonly VerificationSettings Default = new(null, false);
}

/// <summary>
/// A member who joined while verification was on (or agreed to the rules): verified once they pressed their button.
/// <paramref name="Raid"/>: they joined during a raid, so they are held (and restricted by the platform) whatever
/// <c>/verify</c> says, with the raid's shorter timeout.
/// </summary>
public sealed record Newcomer(UserRef User, DateTimeOffset JoinedAt, DateTimeOffset? VerifiedAt, bool Explained, bool Raid = false)
{
    public bool IsVerified => VerifiedAt is not null;
}

public interface IVerificationStore
{
    Task<VerificationSettings> GetSettingsAsync(CommunityRef community, CancellationToken ct);

    Task SetWelcomeAsync(CommunityRef community, string welcome, CancellationToken ct);

    Task SetEnabledAsync(CommunityRef community, bool enabled, CancellationToken ct);

    /// <summary>Starts (or restarts, on a rejoin) a newcomer's wait; <paramref name="raid"/> when they joined during a raid.</summary>
    Task AddNewcomerAsync(CommunityRef community, UserRef user, DateTimeOffset joinedAt, bool raid, CancellationToken ct);

    Task<Newcomer?> GetNewcomerAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>The newcomer if they have not verified and verification is on or they joined during a raid: the one lookup a message costs.</summary>
    Task<Newcomer?> HeldAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>True the first time only: the explanation is sent once.</summary>
    Task<bool> MarkExplainedAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>Marks the member verified (recording their agreement to <paramref name="rulesVersion"/>); false when they already were.</summary>
    Task<bool> VerifyAsync(CommunityRef community, UserRef user, UserRef by, DateTimeOffset at, int rulesVersion, CancellationToken ct);

    Task RemoveAsync(CommunityRef community, UserRef user, CancellationToken ct);
}
