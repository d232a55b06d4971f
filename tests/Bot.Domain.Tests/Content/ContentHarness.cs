using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Content;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Content;

/// <summary>The content feature and its commands behind the real command router, on in-memory stores.</summary>
internal sealed class ContentHarness
{
    public static readonly CommunityRef Community = new(Platform.Telegram, "-100");
    private int _events;

    public ContentHarness(string timeZone = "Europe/London")
    {
        Settings = new CommunitySettings(Community, "en", timeZone, StaffChannelId: "staff");
        var desk = new ContentDesk(Store, Options, PermissionTable.Default);
        var revisions = new RevisionDesk(Store, PermissionTable.Default);
        Feature = new ContentFeature(Store, desk, revisions, Options);
        var catalog = new CommandCatalog([new ContentCommands(Store, desk, revisions, Options, PermissionTable.Default)]);
        Router = new CommandRouter(catalog, new NoMembers(), new NoAudit(), PermissionTable.Default);
    }

    public InMemoryContentStore Store { get; } = new();

    public ContentOptions Options { get; } = new();

    public CommunitySettings Settings { get; set; }

    public ContentFeature Feature { get; }

    public CommandRouter Router { get; }

    public DateTimeOffset Now { get; set; } = new(2025, 6, 4, 10, 0, 0, TimeSpan.Zero);

    public static Member Member(string id) => new(new UserRef(Platform.Telegram, id), "user" + id);

    public Task<IReadOnlyList<BotAction>> CommandAsync(string user, string text, params StaffRole[] roles)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var command = new CommandInvoked(Next(), Community, Now, "general", Member(user), text[1..space], text[(space + 1)..]);
        return Router.HandleAsync(Context(command, roles), CancellationToken.None);
    }

    public Task<IReadOnlyList<BotAction>> PressAsync(string user, string data, params StaffRole[] roles) =>
        Feature.HandleAsync(Context(new ButtonPressed(Next(), Community, Now, "staff", "m1", Member(user), data), roles), CancellationToken.None);

    public Task<IReadOnlyList<BotAction>> FireAsync(string key, string payload = "", DateTimeOffset? scheduledFor = null) =>
        Feature.HandleAsync(Context(new TimerFired(Next(), Community, Now, ContentDesk.Feature, key, payload, scheduledFor ?? Now)), CancellationToken.None);

    public Task<IReadOnlyList<BotAction>> CompleteAsync(string correlation, bool succeeded, string? messageId = null) =>
        Feature.HandleAsync(
            Context(new ActionCompleted(Next(), Community, Now, correlation, succeeded, "general", messageId, Error: succeeded ? null : "Forbidden")),
            CancellationToken.None);

    public Task<IReadOnlyList<BotAction>> HandleAsync(ChatEvent chatEvent, bool filtered = false)
    {
        var context = Context(chatEvent);
        context.MessageFiltered = filtered;
        return Feature.HandleAsync(context, CancellationToken.None);
    }

    public string NextEventId() => Next();

    /// <summary>Drafts post 1 as specialist "1" and submits it.</summary>
    public async Task<Post> SubmittedPostAsync(string content = "Launch | We are live! | news | general")
    {
        await CommandAsync("1", "/post new " + content, StaffRole.Specialist);
        await CommandAsync("1", "/post submit 1", StaffRole.Specialist);
        return Store[1];
    }

    /// <summary>Post 1 by specialist "1", approved by manager "2", published in #general (message "m-general") and #news ("m-news").</summary>
    public async Task<Post> PublishedPostAsync()
    {
        await SubmittedPostAsync("Launch | We are live! | news | general news");
        await CommandAsync("2", "/post approve 1 at 2025-06-05 18:00", StaffRole.Manager);
        Now = Store[1].ScheduledFor!.Value;
        foreach (var send in (await FireAsync("1")).OfType<SendMessage>())
        {
            await CompleteAsync(send.Correlation!, succeeded: true, messageId: "m-" + send.ChannelId);
        }

        return Store[1];
    }

    private EventContext Context(ChatEvent chatEvent, params StaffRole[] roles) => new()
    {
        Event = chatEvent,
        Settings = Settings,
        Now = Now,
        Actor = EventContextFactory.ActorOf(chatEvent),
        ActorRoles = roles.ToHashSet(),
    };

    private string Next() => $"e{++_events}";

    private sealed class NoMembers : IMemberStore
    {
        public Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct) => Task.FromResult<MemberRecord?>(null);

        public Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct) => Task.FromResult<IReadOnlyList<MemberRecord>>([]);

        public Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

        public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

        public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(AuditEntry entry, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>([]);
    }
}
