using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Moderation;

namespace Bot.Domain.Tests.Moderation;

/// <summary>In-memory moderation store and message log for data-in, data-out tests.</summary>
public sealed class InMemoryModeration : IModerationStore, IMessageLog, IMemberTierLookup
{
    public Task<UserRef?> AuthorOfAsync(CommunityRef community, string channelId, string messageId, CancellationToken ct) =>
        Task.FromResult(Messages.LastOrDefault(m => m.Community == community && m.ChannelId == channelId && m.MessageId == messageId)?.Author);

    public List<ModerationRule> Rules { get; } = [];

    public List<Infraction> Infractions { get; } = [];

    public List<Appeal> Appeals { get; } = [];

    public List<StoredMessage> Messages { get; } = [];

    public Dictionary<UserRef, string> Tiers { get; } = [];

    public string? Ladder { get; set; }

    public RaidState Raid { get; set; } = RaidState.Initial;

    public (int Spam, int Ham) Docs { get; set; }

    public Dictionary<string, (int Spam, int Ham)> Tokens { get; } = [];

    public Task<IReadOnlyList<ModerationRule>> RulesAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ModerationRule>>([.. Rules.Where(r => r.Community == community)]);

    public Task<long> AddRuleAsync(ModerationRule rule, CancellationToken ct)
    {
        var id = Rules.Count == 0 ? 1 : Rules.Max(r => r.Id) + 1;
        Rules.Add(rule with { Id = id });
        return Task.FromResult(id);
    }

    public Task<bool> UpdateRuleAsync(ModerationRule rule, CancellationToken ct)
    {
        var index = Rules.FindIndex(r => r.Id == rule.Id);
        if (index >= 0)
        {
            Rules[index] = rule;
        }

        return Task.FromResult(index >= 0);
    }

    public Task<bool> RemoveRuleAsync(CommunityRef community, long id, CancellationToken ct) => Task.FromResult(Rules.RemoveAll(r => r.Id == id) > 0);

    public Task<long> AddInfractionAsync(Infraction infraction, CancellationToken ct)
    {
        var id = Infractions.Count + 1L;
        Infractions.Add(infraction with { Id = id });
        return Task.FromResult(id);
    }

    public Task<Infraction?> GetInfractionAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(Infractions.FirstOrDefault(i => i.Id == id));

    public Task<IReadOnlyList<Infraction>> InfractionsAsync(CommunityRef community, UserRef user, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Infraction>>([.. Infractions.Where(i => i.User == user && i.At >= since).OrderByDescending(i => i.Id)]);

    public Task<bool> PardonAsync(CommunityRef community, long id, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        var index = Infractions.FindIndex(i => i.Id == id && i.PardonedAt is null);
        if (index >= 0)
        {
            Infractions[index] = Infractions[index] with { PardonedAt = at, PardonedBy = by };
        }

        return Task.FromResult(index >= 0);
    }

    public Task<long> AddAppealAsync(Appeal appeal, CancellationToken ct)
    {
        var id = Appeals.Count + 1L;
        Appeals.Add(appeal with { Id = id });
        return Task.FromResult(id);
    }

    public Task<Appeal?> GetAppealAsync(CommunityRef community, long id, CancellationToken ct) => Task.FromResult(Appeals.FirstOrDefault(a => a.Id == id));

    public Task<Appeal?> AppealOfAsync(CommunityRef community, long infractionId, CancellationToken ct) =>
        Task.FromResult(Appeals.FirstOrDefault(a => a.InfractionId == infractionId));

    public Task<bool> DecideAppealAsync(CommunityRef community, long id, AppealStatus status, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        var index = Appeals.FindIndex(a => a.Id == id && a.Status == AppealStatus.Pending);
        if (index >= 0)
        {
            Appeals[index] = Appeals[index] with { Status = status, DecidedBy = by, DecidedAt = at };
        }

        return Task.FromResult(index >= 0);
    }

    public Task<string?> GetLadderAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(Ladder);

    public Task SetLadderAsync(CommunityRef community, string? ladder, CancellationToken ct)
    {
        Ladder = ladder;
        return Task.CompletedTask;
    }

    public Task<RaidState> GetRaidAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(Raid);

    public Task SaveRaidAsync(CommunityRef community, RaidState state, CancellationToken ct)
    {
        Raid = state;
        return Task.CompletedTask;
    }

    public Task<SpamCounts> SpamCountsAsync(CommunityRef community, IReadOnlyCollection<string> tokens, CancellationToken ct) =>
        Task.FromResult(new SpamCounts(Docs.Spam, Docs.Ham, tokens.Where(Tokens.ContainsKey).ToDictionary(t => t, t => Tokens[t])));

    public Task TrainSpamAsync(CommunityRef community, IReadOnlyCollection<string> tokens, bool spam, CancellationToken ct)
    {
        Docs = spam ? (Docs.Spam + 1, Docs.Ham) : (Docs.Spam, Docs.Ham + 1);
        foreach (var token in tokens)
        {
            var (s, h) = Tokens.GetValueOrDefault(token);
            Tokens[token] = spam ? (s + 1, h) : (s, h + 1);
        }

        return Task.CompletedTask;
    }

    public Task AppendAsync(StoredMessage message, CancellationToken ct)
    {
        Messages.Add(message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredMessage>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredMessage>>([.. Messages.Where(m => m.Community == community).OrderByDescending(m => m.At).Take(limit)]);

    public Task<IReadOnlyList<StoredMessage>> RecentByAuthorAsync(CommunityRef community, UserRef author, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredMessage>>([.. Messages.Where(m => m.Community == community && m.Author == author && m.At >= since).OrderBy(m => m.At)]);

    public Task<string?> TierOfAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult(Tiers.GetValueOrDefault(user));
}
