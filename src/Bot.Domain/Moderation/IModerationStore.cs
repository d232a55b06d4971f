using Bot.Domain.Model;

namespace Bot.Domain.Moderation;

/// <summary>Moderation's state: rules, infractions, appeals, the escalation ladder, raid state and the spam model.</summary>
public interface IModerationStore
{
    Task<IReadOnlyList<ModerationRule>> RulesAsync(CommunityRef community, CancellationToken ct);

    /// <summary>Saves a new rule (its <see cref="ModerationRule.Id"/> is ignored) and returns its id.</summary>
    Task<long> AddRuleAsync(ModerationRule rule, CancellationToken ct);

    Task<bool> UpdateRuleAsync(ModerationRule rule, CancellationToken ct);

    Task<bool> RemoveRuleAsync(CommunityRef community, long id, CancellationToken ct);

    Task<long> AddInfractionAsync(Infraction infraction, CancellationToken ct);

    Task<Infraction?> GetInfractionAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>The member's infractions since <paramref name="since"/>, newest first, pardoned ones included.</summary>
    Task<IReadOnlyList<Infraction>> InfractionsAsync(CommunityRef community, UserRef user, DateTimeOffset since, CancellationToken ct);

    Task<bool> PardonAsync(CommunityRef community, long id, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<long> AddAppealAsync(Appeal appeal, CancellationToken ct);

    Task<Appeal?> GetAppealAsync(CommunityRef community, long id, CancellationToken ct);

    Task<Appeal?> AppealOfAsync(CommunityRef community, long infractionId, CancellationToken ct);

    /// <summary>Decides a pending appeal; false when it was already decided.</summary>
    Task<bool> DecideAppealAsync(CommunityRef community, long id, AppealStatus status, UserRef by, DateTimeOffset at, CancellationToken ct);

    /// <summary>The community's ladder as typed (<see cref="EscalationLadder.Parse"/>), or null for the default.</summary>
    Task<string?> GetLadderAsync(CommunityRef community, CancellationToken ct);

    Task SetLadderAsync(CommunityRef community, string? ladder, CancellationToken ct);

    Task<RaidState> GetRaidAsync(CommunityRef community, CancellationToken ct);

    Task SaveRaidAsync(CommunityRef community, RaidState state, CancellationToken ct);

    /// <summary>Spam and ham document counts overall and for each of <paramref name="tokens"/> that was seen.</summary>
    Task<SpamCounts> SpamCountsAsync(CommunityRef community, IReadOnlyCollection<string> tokens, CancellationToken ct);

    Task TrainSpamAsync(CommunityRef community, IReadOnlyCollection<string> tokens, bool spam, CancellationToken ct);
}

/// <summary>What naive Bayes needs: documents per class, and per token the documents of each class containing it.</summary>
public sealed record SpamCounts(int SpamDocs, int HamDocs, IReadOnlyDictionary<string, (int Spam, int Ham)> Tokens);
