using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Engagement;
using Bot.Domain.Engagement.Contests;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Engagement;

/// <summary>The engagement feature and its commands behind the real command router, on in-memory stores and a fake clock.</summary>
internal sealed class EngagementHarness
{
    public static readonly CommunityRef Community = new(Platform.Console, "local");

    private int _events;

    public EngagementHarness(EngagementOptions? options = null)
    {
        Options = options ?? new EngagementOptions();
        Giveaways = new GiveawayCommands(GiveawayStore, Members, Tiers, Audit, new CountingSeeds(), Options);
        Meetups = new MeetupCommands(MeetupStore, Contributions, Options);
        Contests = new ContestCommands(ContestStore);
        Feature = new EngagementFeature(Giveaways, Meetups, Contests);
        Router = new CommandRouter(new CommandCatalog([Giveaways, Meetups, Contests]), Members, Audit, PermissionTable.Default, Bot.Domain.Tests.Fakes.FakeChatDirectory.Trusting());
    }

    public EngagementOptions Options { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public InMemoryGiveaways GiveawayStore { get; } = new();

    public InMemoryMeetups MeetupStore { get; } = new();

    public InMemoryContests ContestStore { get; } = new();

    public InMemoryMembers Members { get; } = new();

    public InMemoryAudit Audit { get; } = new();

    public Dictionary<string, Tier> TierOf { get; } = [];

    public FixedTiers Tiers => new(TierOf);

    public RecordedContributions Contributions { get; } = new();

    public GiveawayCommands Giveaways { get; }

    public MeetupCommands Meetups { get; }

    public ContestCommands Contests { get; }

    public EngagementFeature Feature { get; }

    public CommandRouter Router { get; }

    public string TimeZone { get; set; } = "UTC";

    public static Member MemberOf(string name, DateTimeOffset? accountCreated = null) =>
        new(new UserRef(Platform.Console, name), name, name, AccountCreatedAt: accountCreated);

    /// <summary>A command typed by <paramref name="user"/>; staff commands need <paramref name="role"/>.</summary>
    public Task<IReadOnlyList<BotAction>> CommandAsync(string user, string line, StaffRole? role = null)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var (name, arguments) = space < 0 ? (line[1..], string.Empty) : (line[1..space], line[(space + 1)..]);
        var command = new CommandInvoked(NextId(), Community, Clock.GetUtcNow(), "general", MemberOf(user), name, arguments, "m" + _events);
        return Router.HandleAsync(Context(command, role), CancellationToken.None);
    }

    public Task<IReadOnlyList<BotAction>> PressAsync(string user, string data, DateTimeOffset? accountCreated = null) =>
        Feature.HandleAsync(
            Context(new ButtonPressed(NextId(), Community, Clock.GetUtcNow(), "general", "b1", MemberOf(user, accountCreated), data, "i" + _events), null),
            CancellationToken.None);

    public Task<IReadOnlyList<BotAction>> FireAsync(string key) =>
        Feature.HandleAsync(
            Context(new TimerFired(NextId(), Community, Clock.GetUtcNow(), EngagementFeature.TimerFeature, key, string.Empty, Clock.GetUtcNow()), null),
            CancellationToken.None);

    public Task<IReadOnlyList<BotAction>> CompleteAsync(string correlation, string messageId) =>
        Feature.HandleAsync(
            Context(new ActionCompleted(NextId(), Community, Clock.GetUtcNow(), correlation, true, "general", messageId), null),
            CancellationToken.None);

    private EventContext Context(ChatEvent chatEvent, StaffRole? role) => new()
    {
        Event = chatEvent,
        Settings = new CommunitySettings(Community, "en", TimeZone),
        Now = Clock.GetUtcNow(),
        Actor = EventContextFactory.ActorOf(chatEvent),
        ActorRoles = role is { } r ? new HashSet<StaffRole> { r } : new HashSet<StaffRole>(),
    };

    private string NextId() => "e" + ++_events;
}

internal static class ActionAssertions
{
    public static string Text(this BotAction action) => action switch
    {
        Reply reply => reply.Text,
        SendMessage send => send.Text,
        EditMessage edit => edit.Text,
        _ => throw new InvalidOperationException($"{action.GetType().Name} has no text"),
    };

    public static Reply SingleReply(this IReadOnlyList<BotAction> actions) => Assert.IsType<Reply>(Assert.Single(actions));
}
