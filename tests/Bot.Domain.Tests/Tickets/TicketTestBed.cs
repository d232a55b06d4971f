using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tickets;

namespace Bot.Domain.Tests.Tickets;

/// <summary>The ticket feature and commands over in-memory stores, driven as the pipeline would drive them.</summary>
internal sealed class TicketTestBed
{
    public TicketTestBed()
    {
        Desk = new TicketDesk(Store, new FixedMemberSummary(), Options);
        Feature = new TicketsFeature(Store, Desk, Staff, Log);
        Commands = new TicketCommands(Store, Desk, Staff, Outcomes);
        Router = new CommandRouter(new CommandCatalog([Commands]), new NoMembers(), new NoAudit(), PermissionTable.Default);
        Staff.Grants.Add((TestContext.Member("bob").User, StaffRole.Support));
        Staff.Grants.Add((TestContext.Member("max").User, StaffRole.Manager));
    }

    public FakeTicketStore Store { get; } = new();

    public FakeStaffStore Staff { get; } = new();

    public FakeMessageLog Log { get; } = new();

    public RecordingOutcomes Outcomes { get; } = new();

    public TicketOptions Options { get; } = new();

    public TicketDesk Desk { get; }

    public TicketsFeature Feature { get; }

    public TicketCommands Commands { get; }

    public CommandRouter Router { get; }

    public async Task<IReadOnlyList<BotAction>> RunAsync(ChatEvent chatEvent, params StaffRole[] roles)
    {
        var context = TestContext.For(chatEvent, roles: roles);
        return chatEvent is CommandInvoked ? await Router.HandleAsync(context, default) : await Feature.HandleAsync(context, default);
    }

    /// <summary>Alice opens a ticket and the platform reports its thread.</summary>
    public async Task<Ticket> OpenAsync(string thread = "thread-1")
    {
        await RunAsync(TestContext.Command("alice", "ticket", "open my order is late"));
        var ticket = Store.Tickets[^1];
        await RunAsync(new ActionCompleted("done", TestContext.Community, TestContext.Start, TicketDesk.Correlation(ticket.Id), true, ChannelId: thread));
        return Store.Tickets[^1];
    }

    public static T Single<T>(IReadOnlyList<BotAction> actions) => Assert.Single(actions.OfType<T>());

    private sealed class NoMembers : IMemberStore
    {
        public Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult<MemberRecord?>(null);

        public Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<MemberRecord>>([new MemberRecord(community, new UserRef(Platform.Console, name), name, name, default, default, null, null, null)]);

        public Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

        public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

        public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class NoAudit : Audit.IAuditLog
    {
        public Task RecordAsync(Audit.AuditEntry entry, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<Audit.AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<Audit.AuditEntry>>([]);
    }
}
