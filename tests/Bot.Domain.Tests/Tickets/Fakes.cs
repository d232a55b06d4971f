using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Tickets;

namespace Bot.Domain.Tests.Tickets;

internal sealed class FakeTicketStore : ITicketStore
{
    public List<Ticket> Tickets { get; } = [];

    public List<TicketMessage> Messages { get; } = [];

    public Task<Ticket> CreateAsync(Ticket ticket, CancellationToken ct)
    {
        var created = ticket with { Id = Tickets.Count + 1 };
        Tickets.Add(created);
        return Task.FromResult(created);
    }

    public Task<Ticket?> GetAsync(CommunityRef community, long id, CancellationToken ct) => Task.FromResult(Tickets.FirstOrDefault(t => t.Id == id));

    public Task SaveAsync(Ticket ticket, CancellationToken ct)
    {
        Tickets[(int)ticket.Id - 1] = ticket;
        return Task.CompletedTask;
    }

    public Task<Ticket?> FindOpenAsync(CommunityRef community, UserRef member, TicketKind kind, CancellationToken ct) =>
        Task.FromResult(Tickets.FirstOrDefault(t => t.Member == member && t.Kind == kind && t.IsOpen));

    public Task<Ticket?> FindOpenForUserAsync(UserRef member, CancellationToken ct) =>
        Task.FromResult(Tickets.LastOrDefault(t => t.Member == member && t.IsOpen));

    public Task<Ticket?> FindByThreadAsync(CommunityRef community, string threadId, CancellationToken ct) =>
        Task.FromResult(Tickets.FirstOrDefault(t => t.ThreadId == threadId));

    public Dictionary<string, long> StaffMessages { get; } = [];

    public Task AddStaffMessageAsync(CommunityRef community, long ticketId, string messageId, CancellationToken ct)
    {
        StaffMessages.TryAdd(messageId, ticketId);
        return Task.CompletedTask;
    }

    public Task<Ticket?> FindByStaffMessageAsync(CommunityRef community, string messageId, CancellationToken ct) =>
        Task.FromResult(StaffMessages.TryGetValue(messageId, out var id) ? Tickets.FirstOrDefault(t => t.Id == id) : null);

    public Task<IReadOnlyList<Ticket>> ListOpenAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Ticket>>([.. Tickets.Where(t => t.IsOpen)]);

    public Task<IReadOnlyList<Ticket>> RecentForMemberAsync(CommunityRef community, UserRef member, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Ticket>>([.. Tickets.Where(t => t.Member == member).Reverse().Take(limit)]);

    public Task AppendAsync(TicketMessage message, CancellationToken ct)
    {
        Messages.Add(message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TicketMessage>> TranscriptAsync(long ticketId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<TicketMessage>>([.. Messages.Where(m => m.TicketId == ticketId)]);

    public Task MarkRelayedAsync(long ticketId, CancellationToken ct)
    {
        for (var i = 0; i < Messages.Count; i++)
        {
            Messages[i] = Messages[i].TicketId == ticketId ? Messages[i] with { Relayed = true } : Messages[i];
        }

        return Task.CompletedTask;
    }
}

internal sealed class FakeStaffStore : IStaffStore
{
    public List<(UserRef User, StaffRole Role)> Grants { get; } = [];

    public Task<IReadOnlySet<StaffRole>> GetGrantsAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<StaffRole>>(Grants.Where(g => g.User == user).Select(g => g.Role).ToHashSet());

    public Task<bool> GrantAsync(CommunityRef community, UserRef user, StaffRole role, UserRef by, CancellationToken ct)
    {
        Grants.Add((user, role));
        return Task.FromResult(true);
    }

    public Task<bool> RevokeAsync(CommunityRef community, UserRef user, StaffRole role, CancellationToken ct) =>
        Task.FromResult(Grants.Remove((user, role)));

    public Task<IReadOnlyList<(UserRef User, StaffRole Role)>> ListAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(UserRef User, StaffRole Role)>>(Grants);

    public Dictionary<(CommunityRef, UserRef), IReadOnlySet<StaffRole>> PlatformRoles { get; } = [];

    public Task RememberPlatformRolesAsync(CommunityRef community, UserRef user, IReadOnlySet<StaffRole> roles, CancellationToken ct)
    {
        PlatformRoles[(community, user)] = roles;
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<StaffRole>> GetPlatformRolesAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult(PlatformRoles.GetValueOrDefault((community, user)) ?? new HashSet<StaffRole>());
}

internal sealed class FakeMessageLog : IMessageLog
{
    public Task<UserRef?> AuthorOfAsync(CommunityRef community, string channelId, string messageId, CancellationToken ct) =>
        Task.FromResult(Messages.LastOrDefault(m => m.Community == community && m.ChannelId == channelId && m.MessageId == messageId)?.Author);

    public List<StoredMessage> Messages { get; } = [];

    public Task AppendAsync(StoredMessage message, CancellationToken ct)
    {
        Messages.Add(message);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredMessage>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredMessage>>([.. Messages.TakeLast(limit)]);

    public Task<IReadOnlyList<StoredMessage>> RecentByAuthorAsync(CommunityRef community, UserRef author, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<StoredMessage>>([.. Messages.Where(m => m.Author == author && m.At >= since)]);
}

internal sealed class FixedMemberSummary : ITicketMemberSummary
{
    public Task<TicketMemberFacts> GetAsync(CommunityRef community, UserRef member, CancellationToken ct) =>
        Task.FromResult(new TicketMemberFacts("core", 2, "warn: spam", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)));
}

internal sealed class RecordingOutcomes : IAppealOutcomes
{
    public List<AppealDecision> Decisions { get; } = [];

    public Task<IReadOnlyList<BotAction>> DecidedAsync(AppealDecision decision, Bot.Domain.Pipeline.EventContext context, CancellationToken ct)
    {
        Decisions.Add(decision);
        return Task.FromResult<IReadOnlyList<BotAction>>([new UnbanMember(decision.Community, decision.Member, "appeal overturned")]);
    }
}
