using System.Reflection;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.LogChannel;
using Bot.Domain.Model;
using Bot.Domain.Moderation;
using Bot.Domain.Pipeline;
using Bot.Domain.Polls;
using Bot.Domain.Rules;
using Bot.Domain.Staff;
using Bot.Domain.Suggestions;
using Bot.Domain.Surveys;
using Bot.Domain.Tests.Fakes;
using Bot.Domain.Tests.Moderation;
using Bot.Domain.Verification;

namespace Bot.Domain.Tests.Journey;

/// <summary>
/// Every bad form of /rules, /welcome, /verify, /poll, /survey, /suggest and /log answers the caller how to use it and
/// changes nothing: the stores behind the commands record each call, and none of them may be a write.
/// </summary>
public sealed class JourneyCommandErrorsTests
{
    // A store method whose name starts with one of these changes something.
    private static readonly string[] Writes = ["Set", "Add", "Save", "Remove", "Clear", "Create", "Vote", "Close", "Mark", "Verify", "Record", "Decide", "Respond", "Append", "Update", "Delete"];

    private readonly InMemoryCore _core = new();
    private readonly List<string> _calls = [];

    public static TheoryData<string, string, string, string> BadForms => new()
    {
        { "owner", "rules", "set", "Usage: /rules set <text>" },
        { "owner", "rules", "bogus", "Usage: /rules show|set" },
        { "owner", "rules", "set " + new string('x', 1801), "at most 1800" },
        { "owner", "welcome", "set", "Usage: /welcome set <text>" },
        { "owner", "welcome", "bogus", "Usage: /welcome show|set" },
        { "owner", "welcome", "set " + new string('x', 1001), "at most 1000" },
        { "moderator", "verify", string.Empty, "Usage: /verify on|off|member" },
        { "moderator", "verify", "maybe", "Usage: /verify on|off|member" },
        { "moderator", "verify", "member", "Usage: /verify member <user>" },
        { "moderator", "verify", "member @nobody", "Usage: /verify member <user>" },
        { "specialist", "poll", "new Only | one", "/poll new Lunch? | pizza | sushi 2h" },
        { "specialist", "poll", "new", "Usage: /poll new <poll>" },
        { "specialist", "poll", "close abc", "Usage: /poll close <id>" },
        { "specialist", "poll", "close 99", "There is no poll #99" },
        { "member", "poll", "results x", "Usage: /poll results <id>" },
        { "specialist", "poll", "bogus", "Usage: /poll new|close|results" },
        { "manager", "survey", "every 0", "Usage: /survey every <days> [channel]" },
        { "manager", "survey", "every 9999", "from 1 to 365" },
        { "member", "survey", "comment", "Usage: /survey comment <text>" },
        { "member", "survey", "comment I never answered", "Answer an open survey first" },
        { "member", "survey", "comment " + new string('x', 501), "at most 500" },
        { "manager", "survey", "bogus", "Usage: /survey now|every|stop|comment" },
        { "member", "suggest", string.Empty, "Usage: /suggest <text>" },
        { "member", "suggest", new string('x', 1001), "at most 1000" },
        { "owner", "log", "channel", "Usage: /log channel <channel>" },
        { "owner", "log", "bogus", "Usage: /log channel|off" },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_bad_form_answers_how_to_use_the_command_and_writes_nothing(string role, string command, string arguments, string expected)
    {
        var actions = await InvokeAsync(role, command, arguments);

        var reply = Assert.IsType<Reply>(Assert.Single(actions));
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(new UserRef(Platform.Console, role), reply.To);
        Assert.DoesNotContain(_calls, call => Writes.Any(w => call.StartsWith(w, StringComparison.Ordinal)));
        Assert.DoesNotContain(_core.Audit, a => a.Action != "command");
    }

    private async Task<IReadOnlyList<BotAction>> InvokeAsync(string role, string name, string arguments)
    {
        var rules = Recording<IRulesStore>();
        var surveys = Recording<ISurveyStore>();
        var suggestions = new SuggestionsOptions();
        var handlers = new ICommandHandler[]
        {
            new RulesCommands(rules, new RulesPublisher(rules), new RulesOptions(), _core),
            new VerificationCommands(Recording<IVerificationStore>(), rules, new VerificationOptions(), _core, new RaidControl(new InMemoryModeration(), _core)),
            new PollsCommands(Recording<IPollStore>(), new PollsOptions()),
            new SurveysCommands(surveys, new SurveyRound(surveys, new SurveysOptions()), new SurveysOptions()),
            new SuggestionsCommands(Recording<ISuggestionStore>(), new SuggestionTopics(suggestions), suggestions),
            new LogChannelCommands(Recording<ILogChannelStore>()),
        };
        var community = TestContext.Community;
        var member = new Member(new UserRef(Platform.Console, role), role, role);
        if (Enum.TryParse<StaffRole>(role, ignoreCase: true, out var staffRole))
        {
            _core.Grants.Add((community, member.User, staffRole));
        }

        var router = new CommandRouter(new CommandCatalog(handlers), _core, _core, PermissionTable.Default, FakeChatDirectory.Trusting());
        var context = new EventContext
        {
            Event = new CommandInvoked("e1", community, TestContext.Start, "general", member, name, arguments, "m1"),
            Settings = TestContext.Settings,
            Now = TestContext.Start,
            Actor = member,
            ActorRoles = await new StaffResolver(_core, new StaffOptions()).ResolveAsync(community, member, default),
        };
        return await router.HandleAsync(context, default);
    }

    private T Recording<T>()
        where T : class
    {
        var store = DispatchProxy.Create<T, RecordingStore>();
        ((RecordingStore)(object)store).Calls = _calls;
        return store;
    }

    /// <summary>A store that records every call and answers "nothing there" (null, zero, empty).</summary>
    public class RecordingStore : DispatchProxy
    {
        public List<string> Calls { get; set; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add(targetMethod!.Name);
            var returns = targetMethod.ReturnType;
            if (!returns.IsGenericType || returns.GetGenericTypeDefinition() != typeof(Task<>))
            {
                return Task.CompletedTask;
            }

            var result = returns.GetGenericArguments()[0];
            return typeof(Task).GetMethod(nameof(Task.FromResult))!.MakeGenericMethod(result).Invoke(null, [Empty(result)]);
        }

        private static object? Empty(Type type) =>
            type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? Array.CreateInstance(type.GetGenericArguments()[0], 0)
            : type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Activator.CreateInstance(type)
            : null;
    }
}
