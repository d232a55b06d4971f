using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Domain.Tests.Pipeline;

public sealed class DispatcherTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "test");

    private static EventContext Context() => new()
    {
        Event = new MemberLeft("e1", Community, DateTimeOffset.UnixEpoch, new UserRef(Platform.Console, "bob")),
        Settings = new CommunitySettings(Community, "en", "UTC"),
        Now = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task Runs_features_in_order_and_collects_their_actions()
    {
        var dispatcher = new Dispatcher(
            [new Fixed("late", 300, "second"), new Fixed("early", 100, "first")], new RecordingIsolation(), NullLogger<Dispatcher>.Instance);

        var actions = await dispatcher.DispatchAsync(Context(), default);

        Assert.Equal(["first", "second"], actions.Cast<SendMessage>().Select(a => a.Text));
    }

    [Fact]
    public async Task A_failing_feature_is_rolled_back_alone_and_the_others_still_run()
    {
        var isolation = new RecordingIsolation();
        var dispatcher = new Dispatcher(
            [new Fixed("a", 1, "before"), new Throwing("broken", 2), new Fixed("c", 3, "after")], isolation, NullLogger<Dispatcher>.Instance);

        var actions = await dispatcher.DispatchAsync(Context(), default);

        Assert.Equal(["before", "after"], actions.Cast<SendMessage>().Select(a => a.Text));
        Assert.Equal(["broken"], isolation.Failed);
        Assert.Equal(["a", "broken", "c"], isolation.Entered);
    }

    [Fact]
    public async Task A_transient_failure_is_not_swallowed_so_the_batch_is_retried()
    {
        var dispatcher = new Dispatcher([new Fixed("a", 1, "x"), new Throwing("deadlocked", 2, new TimeoutException())], new RecordingIsolation(), NullLogger<Dispatcher>.Instance);
        await Assert.ThrowsAsync<TimeoutException>(() => dispatcher.DispatchAsync(Context(), default));
    }

    private sealed class Fixed(string name, int order, string text) : IFeature
    {
        public string Name => name;

        public int Order => order;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<BotAction>>([new SendMessage(context.Community, "general", text)]);
    }

    private sealed class Throwing(string name, int order, Exception? exception = null) : IFeature
    {
        public string Name => name;

        public int Order => order;

        public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) =>
            throw exception ?? new InvalidOperationException("boom");
    }

    private sealed class RecordingIsolation : IFeatureIsolation
    {
        public List<string> Entered { get; } = [];

        public List<string> Failed { get; } = [];

        public Task EnterAsync(string feature, CancellationToken ct)
        {
            Entered.Add(feature);
            return Task.CompletedTask;
        }

        public bool IsTransient(Exception exception) => exception is TimeoutException;

        public Task FailAsync(string feature, CancellationToken ct)
        {
            Failed.Add(feature);
            return Task.CompletedTask;
        }
    }
}
