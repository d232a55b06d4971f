using Bot.Domain.Audit;
using Bot.Domain.Community;
using Bot.Domain.Engagement;
using Bot.Domain.Engagement.Contests;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Domain.Tests.Engagement;

internal sealed class InMemoryGiveaways : IGiveawayStore
{
    public Dictionary<long, Giveaway> Giveaways { get; } = [];

    public Dictionary<long, List<Entrant>> Entries { get; } = [];

    public Task<long> CreateAsync(Giveaway giveaway, CancellationToken ct)
    {
        var id = Giveaways.Count + 1L;
        Giveaways[id] = giveaway with { Id = id };
        Entries[id] = [];
        return Task.FromResult(id);
    }

    public Task<Giveaway?> GetAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(Giveaways.TryGetValue(id, out var g) && g.Community == community ? g : null);

    public Task<Giveaway?> LockAsync(CommunityRef community, long id, CancellationToken ct) => GetAsync(community, id, ct);

    public Task SetMessageAsync(CommunityRef community, long id, string messageId, CancellationToken ct)
    {
        Giveaways[id] = Giveaways[id] with { MessageId = messageId };
        return Task.CompletedTask;
    }

    public Task<bool> EnterAsync(CommunityRef community, long id, Entrant entrant, DateTimeOffset at, CancellationToken ct)
    {
        var list = Entries[id];
        if (Giveaways[id].Ended || list.Any(e => e.UserId == entrant.UserId))
        {
            return Task.FromResult(false);
        }

        list.Add(entrant);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<Entrant>> EntrantsAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Entrant>>([.. Entries[id]]);

    public Task SaveDrawAsync(CommunityRef community, long id, DateTimeOffset endedAt, IReadOnlyList<string> drawn, CancellationToken ct)
    {
        var g = Giveaways[id];
        Giveaways[id] = g with { EndedAt = g.EndedAt ?? endedAt, Drawn = drawn };
        return Task.CompletedTask;
    }
}

internal sealed class InMemoryMeetups : IMeetupStore
{
    public Dictionary<long, Meetup> Meetups { get; } = [];

    public List<(long Id, Rsvp Rsvp)> Rsvps { get; } = [];

    public HashSet<(long Id, string User)> Attendance { get; } = [];

    public Dictionary<(long Id, string User), int> Ratings { get; } = [];

    public MeetupSummary? LastSummary { get; private set; }

    public (DateTimeOffset From, DateTimeOffset To) LastJoinWindow { get; private set; }

    public Task<long> CreateAsync(Meetup meetup, CancellationToken ct)
    {
        var id = Meetups.Count + 1L;
        Meetups[id] = meetup with { Id = id };
        return Task.FromResult(id);
    }

    public Task<Meetup?> GetAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(Meetups.TryGetValue(id, out var m) && m.Community == community ? m : null);

    public Task<Meetup?> LockAsync(CommunityRef community, long id, CancellationToken ct) => GetAsync(community, id, ct);

    public Task<IReadOnlyList<Rsvp>> RsvpsAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Rsvp>>([.. Rsvps.Where(r => r.Id == id).Select(r => r.Rsvp).OrderBy(r => r.At)]);

    public Task SetRsvpAsync(CommunityRef community, long id, Rsvp rsvp, CancellationToken ct)
    {
        Rsvps.RemoveAll(r => r.Id == id && r.Rsvp.UserId == rsvp.UserId);
        Rsvps.Add((id, rsvp));
        return Task.CompletedTask;
    }

    public Task<bool> MarkAttendedAsync(CommunityRef community, long id, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct) =>
        Task.FromResult(Attendance.Add((id, user.Id)));

    public Task<int> AttendedCountAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(Attendance.Count(a => a.Id == id));

    public Task RateAsync(CommunityRef community, long id, UserRef user, int rating, DateTimeOffset at, CancellationToken ct)
    {
        Ratings[(id, user.Id)] = rating;
        return Task.CompletedTask;
    }

    public Task<MeetupSummary> SummarizeAsync(Meetup meetup, DateTimeOffset joinedFrom, DateTimeOffset joinedTo, CancellationToken ct)
    {
        LastJoinWindow = (joinedFrom, joinedTo);
        var rsvps = Rsvps.Where(r => r.Id == meetup.Id).Select(r => r.Rsvp).ToList();
        var ratings = Ratings.Where(r => r.Key.Id == meetup.Id).Select(r => r.Value).ToList();
        LastSummary = new MeetupSummary(
            rsvps.Count(r => r.Status == RsvpStatus.Going), rsvps.Count(r => r.Status == RsvpStatus.Waitlisted),
            Attendance.Count(a => a.Id == meetup.Id), 0, 0, 0, ratings.Count, ratings.Count == 0 ? null : ratings.Average());
        return Task.FromResult(LastSummary);
    }
}

internal sealed class InMemoryContests : IContestStore
{
    public Dictionary<long, Contest> Contests { get; } = [];

    public List<ContestEntry> Entries { get; } = [];

    public Dictionary<(long Contest, string Voter), long> Votes { get; } = [];

    public Task<long> CreateAsync(Contest contest, CancellationToken ct)
    {
        var id = Contests.Count + 1L;
        Contests[id] = contest with { Id = id };
        return Task.FromResult(id);
    }

    public Task<Contest?> GetAsync(CommunityRef community, long id, CancellationToken ct) =>
        Task.FromResult(Contests.TryGetValue(id, out var c) && c.Community == community ? c : null);

    public Task<Contest?> LockAsync(CommunityRef community, long id, CancellationToken ct) => GetAsync(community, id, ct);

    public Task CloseAsync(CommunityRef community, long id, DateTimeOffset at, CancellationToken ct)
    {
        Contests[id] = Contests[id] with { ClosedAt = at };
        return Task.CompletedTask;
    }

    public Task<ContestEntry?> EntryOfAsync(CommunityRef community, long contestId, string userId, CancellationToken ct) =>
        Task.FromResult(Entries.FirstOrDefault(e => e.ContestId == contestId && e.UserId == userId));

    public Task<ContestEntry?> EntryAsync(CommunityRef community, long entryId, CancellationToken ct) =>
        Task.FromResult(Entries.FirstOrDefault(e => e.Id == entryId));

    public Task<long> SubmitAsync(CommunityRef community, ContestEntry entry, CancellationToken ct)
    {
        var id = Entries.Count + 1L;
        Entries.Add(entry with { Id = id });
        return Task.FromResult(id);
    }

    public Task<long?> VoteOfAsync(CommunityRef community, long contestId, string voterId, CancellationToken ct) =>
        Task.FromResult(Votes.TryGetValue((contestId, voterId), out var e) ? e : (long?)null);

    public Task VoteAsync(CommunityRef community, long contestId, string voterId, long entryId, DateTimeOffset at, CancellationToken ct)
    {
        Votes[(contestId, voterId)] = entryId;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ContestStanding>> StandingsAsync(CommunityRef community, long contestId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ContestStanding>>([.. Entries.Where(e => e.ContestId == contestId)
            .Select(e => new ContestStanding(e, Votes.Count(v => v.Value == e.Id)))
            .OrderByDescending(s => s.Votes).ThenBy(s => s.Entry.At).ThenBy(s => s.Entry.Id)]);
}

internal sealed class InMemoryMembers : IMemberStore
{
    public Dictionary<string, MemberRecord> Records { get; } = [];

    public Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult(Records.GetValueOrDefault(user.Id));

    public Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MemberRecord>>(Records.TryGetValue(name, out var record) ? [record] : []);

    public Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct)
    {
        Records[member.User.Id] = new MemberRecord(community, member.User, member.DisplayName, member.Username, at, at, at, null, member.AccountCreatedAt);
        return Task.CompletedTask;
    }

    public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;
}

internal sealed class InMemoryAudit : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        Entries.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Entries.AsEnumerable().Reverse().Take(limit)]);
}

internal sealed class FixedTiers(Dictionary<string, Tier> tiers) : ITierDirectory
{
    public Task<Tier> GetTierAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult(tiers.GetValueOrDefault(user.Id, Tier.Regular));
}

internal sealed class RecordedContributions : IContributionCredits
{
    public List<(UserRef User, ContributionSource Source, string Reference)> Credits { get; } = [];

    public Task<bool> CreditAsync(CommunityRef community, UserRef user, ContributionSource source, string reference, DateTimeOffset at, CancellationToken ct)
    {
        var fresh = !Credits.Any(c => c.Reference == reference);
        if (fresh)
        {
            Credits.Add((user, source, reference));
        }

        return Task.FromResult(fresh);
    }
}

/// <summary>Seeds 0x01.., 0x02.., … so that every test run draws the same.</summary>
internal sealed class CountingSeeds : ISeedSource
{
    private byte _next;

    public byte[] NewSeed() => Enumerable.Repeat(++_next, 32).ToArray();
}
