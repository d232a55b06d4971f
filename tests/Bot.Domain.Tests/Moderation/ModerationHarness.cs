using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Moderation;

/// <summary>The moderation feature and commands wired to in-memory fakes, driven like the pipeline would.</summary>
public sealed class ModerationHarness
{
    public static readonly CommunityRef Community = new(Platform.Console, "test");

    private int _next;

    public ModerationHarness(ModerationOptions? options = null)
    {
        Options = options ?? new ModerationOptions();
        var enforcer = new Enforcer(Store, Core, Options, Pseudonyms);
        var appeals = new Appeals(Store, Core, Pseudonyms);
        var raids = new RaidControl(Store, Core);
        Feature = new ModerationFeature(Store, Core, Store, Store, Core, enforcer, appeals, raids, new RuleSetCache(), new RecentPosts(), PermissionTable.Default, Options);
        var members = new MembersFeature(Core, Store);
        Features = [members, new RaidWatch(Store, Core, Options), Feature];
        Commands = new ModerationCommands(Store, Store, Core, Core, enforcer, appeals, raids, new StaffResolver(Core, new StaffOptions()), Options);
        Router = new CommandRouter(new CommandCatalog([Commands]), Core, Core, PermissionTable.Default, Bot.Domain.Tests.Fakes.FakeChatDirectory.Trusting());
    }

    public static Bot.Domain.Privacy.Pseudonyms Pseudonyms { get; } = new(new byte[32]);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));

    public InMemoryModeration Store { get; } = new();

    public InMemoryCore Core { get; } = new();

    public ModerationOptions Options { get; }

    public ModerationFeature Feature { get; }

    public ModerationCommands Commands { get; }

    public CommandRouter Router { get; }

    public IFeature[] Features { get; }

    public string Language { get; set; } = "en";

    public static Member MemberNamed(string name, params string[] roles) => new(new UserRef(Platform.Console, name), name, name, roles);

    public static UserRef UserNamed(string name) => new(Platform.Console, name);

    /// <summary>Makes <paramref name="name"/> known to the member directory, so <c>@name</c> resolves.</summary>
    public Task SeenAsync(string name) => Core.SeenAsync(Community, MemberNamed(name), Time.GetUtcNow(), default);

    public void Grant(string name, StaffRole role) => Core.Grants.Add((Community, UserNamed(name), role));

    public Task<IReadOnlyList<BotAction>> SayAsync(string who, string text, string channel = "general", IReadOnlyList<UserRef>? mentions = null, params string[] roles) =>
        RunAsync(new MessagePosted(NextId(), Community, Time.GetUtcNow(), channel, $"m{_next}", MemberNamed(who, roles), text, Mentions: mentions));

    public Task<IReadOnlyList<BotAction>> CommandAsync(string who, string name, string arguments, string? replyToMessageId = null, UserRef? replyToUser = null) =>
        RunAsync(new CommandInvoked(NextId(), Community, Time.GetUtcNow(), "general", MemberNamed(who), name, arguments, $"m{_next}", ReplyToUser: replyToUser, ReplyToMessageId: replyToMessageId));

    public Task<IReadOnlyList<BotAction>> JoinAsync(string who, string? chat = null) =>
        RunAsync(new MemberJoined(NextId(), Community, Time.GetUtcNow(), MemberNamed(who), ChannelId: chat));

    public Task<IReadOnlyList<BotAction>> TimerAsync(string key, string payload) =>
        RunAsync(new TimerFired(NextId(), Community, Time.GetUtcNow(), Enforcer.Feature, key, payload, Time.GetUtcNow()));

    public Task<IReadOnlyList<BotAction>> PressAsync(string who, string data) =>
        RunAsync(new ButtonPressed(NextId(), Community, Time.GetUtcNow(), "staff", "m0", MemberNamed(who), data));

    public async Task<IReadOnlyList<BotAction>> RunAsync(ChatEvent chatEvent)
    {
        var actor = EventContextFactory.ActorOf(chatEvent);
        var roles = actor is null ? new HashSet<StaffRole>() : await new StaffResolver(Core, new StaffOptions()).ResolveAsync(Community, actor, default);
        var context = new EventContext
        {
            Event = chatEvent,
            Settings = new CommunitySettings(Community, Language, "UTC", "staff"),
            Now = Time.GetUtcNow(),
            Actor = actor,
            ActorRoles = roles,
        };
        var actions = new List<BotAction>();
        foreach (var feature in Features)
        {
            actions.AddRange(await feature.HandleAsync(context, default));
        }

        actions.AddRange(await Router.HandleAsync(context, default));
        return actions;
    }

    private string NextId() => $"e{++_next}";
}
