using Bot.Domain.Invites;
using Bot.Domain.Model;

namespace Bot.Domain.Tests.Invites;

internal sealed class FakeInviteStore : IInviteStore
{
    public List<InviteLink> Links { get; } = [];

    public Dictionary<string, InviteRequest> Requests { get; } = [];

    public List<InviteJoin> Joins { get; } = [];

    public Task<InviteLink?> LinkOfAsync(CommunityRef community, UserRef owner, CancellationToken ct) =>
        Task.FromResult(Links.LastOrDefault(l => l.Owner == owner));

    public Task<InviteLink?> FindLinkAsync(CommunityRef community, string code, CancellationToken ct) =>
        Task.FromResult(Links.FirstOrDefault(l => l.Code == code));

    public Task SaveLinkAsync(InviteLink link, CancellationToken ct)
    {
        Links.Add(link);
        return Task.CompletedTask;
    }

    public Task SaveRequestAsync(InviteRequest request, CancellationToken ct)
    {
        Requests[request.Correlation] = request;
        return Task.CompletedTask;
    }

    public Task<InviteRequest?> TakeRequestAsync(string correlation, CancellationToken ct) =>
        Task.FromResult(Requests.Remove(correlation, out var request) ? request : null);

    public Task<bool> HasJoinedBeforeAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult(Joins.Any(j => j.User == user));

    public Task<long> AddJoinAsync(InviteJoin join, CancellationToken ct)
    {
        Joins.Add(join with { Id = Joins.Count + 1 });
        return Task.FromResult((long)Joins.Count);
    }

    public Task<InviteJoin?> GetJoinAsync(CommunityRef community, long id, bool forUpdate, CancellationToken ct) =>
        Task.FromResult(Joins.FirstOrDefault(j => j.Id == id));

    public Task<bool> MoveAsync(CommunityRef community, long id, InviteStatus from, InviteStatus to, DateTimeOffset at, CancellationToken ct)
    {
        var index = Joins.FindIndex(j => j.Id == id && j.Status == from);
        if (index >= 0)
        {
            Joins[index] = Joins[index] with { Status = to };
        }

        return Task.FromResult(index >= 0);
    }

    public Task CountMessageAsync(CommunityRef community, UserRef user, CancellationToken ct)
    {
        Update(j => j.User == user && j.Status == InviteStatus.Pending, j => j with { Messages = j.Messages + 1 });
        return Task.CompletedTask;
    }

    public Task MarkLeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct)
    {
        Update(
            j => j.User == user && j.LeftAt is null,
            j => j with { LeftAt = at, Status = j.Status == InviteStatus.Pending ? InviteStatus.Left : j.Status });
        return Task.CompletedTask;
    }

    public Task<InviteSummary> SummaryAsync(CommunityRef community, UserRef inviter, CancellationToken ct)
    {
        var mine = Joins.Where(j => j.Inviter == inviter).ToList();
        int Count(params InviteStatus[] statuses) => mine.Count(j => statuses.Contains(j.Status));
        return Task.FromResult(new InviteSummary(
            Count(InviteStatus.Pending), Count(InviteStatus.Qualified), Count(InviteStatus.Rewarded), Count(InviteStatus.Left),
            Count(InviteStatus.Expired, InviteStatus.Rejoin, InviteStatus.TooYoung, InviteStatus.SelfInvite)));
    }

    public Task<IReadOnlyList<InviterCount>> TopAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<InviterCount>>([]);

    public Task<IReadOnlyList<LinkReport>> ReportAsync(CommunityRef community, DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<LinkReport>>([]);

    private void Update(Func<InviteJoin, bool> where, Func<InviteJoin, InviteJoin> change)
    {
        for (var i = 0; i < Joins.Count; i++)
        {
            if (where(Joins[i]))
            {
                Joins[i] = change(Joins[i]);
            }
        }
    }
}
