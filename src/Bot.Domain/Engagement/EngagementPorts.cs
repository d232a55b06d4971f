using Bot.Domain.Model;

namespace Bot.Domain.Engagement;

/// <summary>A member's tier as the tiering feature keeps it (one of <see cref="EngagementOptions.TierOrder"/>).</summary>
public interface IEngagementTierLookup
{
    Task<string> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct);
}

/// <summary>Until tiering is wired in, everyone is a regular member.</summary>
public sealed class RegularTierLookup : IEngagementTierLookup
{
    public Task<string> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult("regular");
}

/// <summary>Something a member did for the community that earns contribution points (tiering decides how many).</summary>
public sealed record Contribution(CommunityRef Community, UserRef User, string Kind, string Reference, DateTimeOffset At);

public interface IContributionSink
{
    Task ContributedAsync(Contribution contribution, CancellationToken ct);
}

/// <summary>Until tiering is wired in, contributions are not counted anywhere.</summary>
public sealed class NoContributions : IContributionSink
{
    public Task ContributedAsync(Contribution contribution, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Secret seeds for draws; tests supply fixed ones.</summary>
public interface ISeedSource
{
    byte[] NewSeed();
}

public sealed class CryptoSeedSource : ISeedSource
{
    public byte[] NewSeed() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
}
