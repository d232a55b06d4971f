using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;

namespace Bot.Domain.Tests.Tiering;

/// <summary>In-memory tier state; its recomputation applies <see cref="TierRules"/> member by member.</summary>
internal sealed class FakeTieringStore : ITieringStore
{
    public Dictionary<UserRef, TierStanding> Standings { get; } = [];

    public List<PointEntry> Ledger { get; } = [];

    public List<(string Channel, string Message, UserRef By, DateTimeOffset At)> Reactions { get; } = [];

    public List<(Nomination Nomination, string Status, DateTimeOffset? DecidedAt)> Nominations { get; } = [];

    public TierCommunity? Community { get; set; }

    public Dictionary<UserRef, string> Names { get; } = [];

    public Task<TierStanding?> GetAsync(CommunityRef community, UserRef user, bool forUpdate, CancellationToken ct) =>
        Task.FromResult(Standings.GetValueOrDefault(user));

    public Task SaveAsync(TierStanding standing, CancellationToken ct)
    {
        Standings[standing.User] = standing;
        return Task.CompletedTask;
    }

    public Task<bool> AppendAsync(PointEntry entry, CancellationToken ct)
    {
        if (entry.Reference is not null && Ledger.Any(e => e.Reference == entry.Reference))
        {
            return Task.FromResult(false);
        }

        Ledger.Add(entry);
        return Task.FromResult(true);
    }

    public Task<int> CountGivenAsync(CommunityRef community, UserRef actor, PointKind kind, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult(Ledger.Count(e => e.Actor == actor && e.Kind == kind && e.At >= since));

    public Task<bool> MarkReactionAsync(CommunityRef community, string channelId, string messageId, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        if (Reactions.Any(r => r.Channel == channelId && r.Message == messageId && r.By == by))
        {
            return Task.FromResult(false);
        }

        Reactions.Add((channelId, messageId, by, at));
        return Task.FromResult(true);
    }

    public Task<int> CountReactionsGivenAsync(CommunityRef community, UserRef by, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult(Reactions.Count(r => r.By == by && r.At >= since));

    public Task<TierCommunity?> GetCommunityAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(Community);

    public Task SaveCommunityAsync(TierCommunity settings, CancellationToken ct)
    {
        Community = settings;
        return Task.CompletedTask;
    }

    public Task<RecomputeResult> RecomputeAsync(CommunityRef community, TierPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var changes = new List<TierChange>();
        var nominations = new List<Nomination>();
        foreach (var user in Standings.Keys.ToList())
        {
            var s = Standings[user].DecayedTo(now, policy.HalfLife);
            var outcome = TierRules.Decide(s.Tier, s.Score, s.BelowSince, policy, now);
            if (outcome.Tier != s.Tier)
            {
                changes.Add(new TierChange(user, NameOf(user), s.Tier, outcome.Tier));
            }

            Standings[user] = s = s with { Tier = outcome.Tier, BelowSince = outcome.BelowSince };
            var mine = Nominations.Where(n => n.Nomination.User == user).ToList();
            var lastDecided = mine.Where(n => n.DecidedAt is not null).Select(n => n.DecidedAt).Max();
            if (TierRules.ShouldNominate(s.Tier, s.Score, lastDecided, mine.Any(n => n.Status == "pending"), policy, now))
            {
                var nomination = new Nomination(Nominations.Count + 1, user, NameOf(user), s.Score);
                Nominations.Add((nomination, "pending", null));
                nominations.Add(nomination);
            }
        }

        return Task.FromResult(new RecomputeResult(Standings.Count, changes, nominations));
    }

    public Task<IReadOnlyList<RankedMember>> TopAsync(CommunityRef community, DateTimeOffset now, TimeSpan halfLife, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<RankedMember>>([.. Standings.Values
            .Select(s => s.DecayedTo(now, halfLife))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .Take(limit)
            .Select(s => new RankedMember(s.User, NameOf(s.User), s.Score, s.Tier))]);

    public Task<Nomination?> DecideNominationAsync(CommunityRef community, long id, bool approved, UserRef by, DateTimeOffset at, CancellationToken ct)
    {
        var index = Nominations.FindIndex(n => n.Nomination.Id == id && n.Status == "pending");
        if (index < 0)
        {
            return Task.FromResult<Nomination?>(null);
        }

        Nominations[index] = (Nominations[index].Nomination, approved ? "approved" : "rejected", at);
        return Task.FromResult<Nomination?>(Nominations[index].Nomination);
    }

    private string NameOf(UserRef user) => Names.GetValueOrDefault(user) ?? user.Id;
}

internal sealed class FakeMemberStore : IMemberStore
{
    public Dictionary<UserRef, MemberRecord> Members { get; } = [];

    public void Add(CommunityRef community, UserRef user, DateTimeOffset at) =>
        Members[user] = new MemberRecord(community, user, user.Id, user.Id, at, at, at, null, null);

    public Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult(Members.GetValueOrDefault(user));

    public Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MemberRecord>>([.. Members.Values.Where(m => m.User.Id == name || string.Equals(m.Username, name, StringComparison.OrdinalIgnoreCase))]);

    public Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Shared test data: one console community, members by name, contexts for events.</summary>
internal static class World
{
    public static readonly CommunityRef Community = new(Platform.Console, "test");

    public static UserRef User(string name) => new(Platform.Console, name);

    public static Member Member(string name, DateTimeOffset? created = null) => new(User(name), name, name, AccountCreatedAt: created);

    public static EventContext Context(ChatEvent chatEvent, DateTimeOffset now, params StaffRole[] roles) => new()
    {
        Event = chatEvent,
        Settings = new CommunitySettings(Community, "en", "UTC"),
        Now = now,
        ActorRoles = roles.ToHashSet(),
    };
}
