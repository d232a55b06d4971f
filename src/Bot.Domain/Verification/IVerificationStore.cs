using Bot.Domain.Model;

namespace Bot.Domain.Verification;

/// <summary>A community's welcome text (null: none set) and whether newcomers must verify.</summary>
public sealed record VerificationSettings(string? Welcome, bool Enabled)
{
    public static readonly VerificationSettings Default = new(null, false);
}

/// <summary>A member who joined while verification was on (or agreed to the rules): verified once they pressed their button.</summary>
public sealed record Newcomer(UserRef User, DateTimeOffset JoinedAt, DateTimeOffset? VerifiedAt, bool Explained)
{
    public bool IsVerified => VerifiedAt is not null;
}

public interface IVerificationStore
{
    Task<VerificationSettings> GetSettingsAsync(CommunityRef community, CancellationToken ct);

    Task SetWelcomeAsync(CommunityRef community, string welcome, CancellationToken ct);

    Task SetEnabledAsync(CommunityRef community, bool enabled, CancellationToken ct);

    /// <summary>Starts (or restarts, on a rejoin) a newcomer's wait.</summary>
    Task AddNewcomerAsync(CommunityRef community, UserRef user, DateTimeOffset joinedAt, CancellationToken ct);

    Task<Newcomer?> GetNewcomerAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>The newcomer if verification is on and they have not verified: the one lookup a message costs.</summary>
    Task<Newcomer?> HeldAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>True the first time only: the explanation is sent once.</summary>
    Task<bool> MarkExplainedAsync(CommunityRef community, UserRef user, CancellationToken ct);

    /// <summary>Marks the member verified (recording their agreement to <paramref name="rulesVersion"/>); false when they already were.</summary>
    Task<bool> VerifyAsync(CommunityRef community, UserRef user, UserRef by, DateTimeOffset at, int rulesVersion, CancellationToken ct);

    Task RemoveAsync(CommunityRef community, UserRef user, CancellationToken ct);
}
