using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests;

/// <summary>Events and contexts as the pipeline would build them, for feature tests.</summary>
internal static class TestContext
{
    public static readonly CommunityRef Community = new(Platform.Console, "test");
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static int _events;

    public static CommunitySettings Settings { get; } = new(Community, "en", "UTC", StaffChannelId: "staff", HelpChannelId: "help");

    public static Member Member(string name) => new(new UserRef(Platform.Console, name), name, name);

    public static EventContext For(ChatEvent chatEvent, DateTimeOffset? now = null, params StaffRole[] roles) => new()
    {
        Event = chatEvent,
        Settings = Settings,
        Now = now ?? chatEvent.At,
        Actor = EventContextFactory.ActorOf(chatEvent),
        ActorRoles = roles.ToHashSet(),
    };

    public static MessagePosted Message(string author, string text, string channel = "general", DateTimeOffset? at = null, bool direct = false, string? thread = null) =>
        new(Next(), Community, at ?? Start, channel, "m" + _events, Member(author), text, IsDirect: direct, ThreadId: thread);

    public static ButtonPressed Press(string who, string data, string channel = "general", DateTimeOffset? at = null) =>
        new(Next(), Community, at ?? Start, channel, "b1", Member(who), data);

    public static CommandInvoked Command(string who, string name, string arguments, string channel = "general", DateTimeOffset? at = null) =>
        new(Next(), Community, at ?? Start, channel, Member(who), name, arguments, "m" + _events);

    private static string Next() => "e" + Interlocked.Increment(ref _events);
}
