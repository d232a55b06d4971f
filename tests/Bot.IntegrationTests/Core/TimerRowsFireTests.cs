using System.Collections.Concurrent;
using System.Globalization;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Host.Features;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.IntegrationTests.Core;

/// <summary>Timers stored as rows fire on a running clustered scheduler: on time, and once with two schedulers on one store.</summary>
public sealed class TimerRowsFireTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "fire");

    [Fact]
    public async Task Timers_stored_as_rows_wake_a_scheduler_that_sleeps_until_a_later_timer_and_fire_on_time()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var fires = new ConcurrentQueue<Fire>();
        // Without a wake-up this scheduler would look again only after two minutes, or at the later timer's time.
        await using var host = await StartAsync(database, "a", fires, idleWait: "00:02:00");
        var timers = host.Services.GetRequiredService<TimerScheduler>();
        await timers.ScheduleAsync(new ScheduleTimer(Community, "fire", "later", DateTimeOffset.UtcNow.AddSeconds(40)), default);
        await Task.Delay(TimeSpan.FromSeconds(1)); // the scheduler thread takes the later timer and sleeps until it

        const int Count = 600;
        var first = DateTimeOffset.UtcNow.AddSeconds(4);
        var batch = Enumerable.Range(0, Count).Select(i => new ScheduleTimer(Community, "fire", Key(i), first.AddMilliseconds(i * 5))).ToList();
        var asRows = 0;
        foreach (var run in batch.Chunk(ActionLanes.MaxTimerBatch))
        {
            asRows += await timers.ScheduleAllAsync(run, default);
        }

        Assert.Equal(Count - 2, asRows); // all but the earliest of each run
        await Eventually.TrueAsync(() => fires.Count(f => f.Key != "later") >= Count, TimeSpan.FromSeconds(60), "every timer fired");
        var late = fires.Where(f => f.Key != "later").Select(f => (f.At - f.ScheduledFor).TotalMilliseconds).Order().ToList();
        // A missed wake-up shows as about 35 s late; a loaded machine as a few hundred milliseconds.
        Assert.True(late[^1] < 5000, $"latest fire {late[^1]:0} ms late (p50 {late[late.Count / 2]:0} ms)");
        Assert.All(batch, t => Assert.Equal(t.At, fires.Single(f => f.Key == t.Key).ScheduledFor));
    }

    [Fact]
    public async Task Two_schedulers_on_one_store_find_timers_stored_as_rows_on_their_own_and_fire_each_exactly_once()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var fires = new ConcurrentQueue<Fire>();
        await using var a = await StartAsync(database, "a", fires, idleWait: "00:00:01");
        await using var b = await StartAsync(database, "b", fires, idleWait: "00:00:01");

        const int Count = 1000;
        var first = DateTimeOffset.UtcNow.AddSeconds(4);
        var timers = a.Services.GetRequiredService<TimerScheduler>();
        var asRows = 0;
        foreach (var run in Enumerable.Range(0, Count).Select(i => new ScheduleTimer(Community, "fire", Key(i), first.AddMilliseconds(i * 3))).Chunk(ActionLanes.MaxTimerBatch))
        {
            asRows += await timers.ScheduleAllAsync(run, default);
        }

        // Due after the idle wait: each scheduler's next look finds them, so none is stored through Quartz to wake one.
        Assert.Equal(Count, asRows);

        await Eventually.TrueAsync(() => fires.Count >= Count, TimeSpan.FromSeconds(60), "every timer fired");
        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a second fire of any of them
        Assert.Equal(Count, fires.Count);
        Assert.Equal(Count, fires.Select(f => f.Key).Distinct().Count());
        Assert.Contains(fires, f => f.Host == "a");
        Assert.Contains(fires, f => f.Host == "b");
    }

    private static string Key(int i) => i.ToString("D4", CultureInfo.InvariantCulture);

    private sealed record Fire(string Host, string Key, DateTimeOffset ScheduledFor, DateTimeOffset At);

    /// <summary>A bot process's clustered Quartz on the shared store, its timers' fires recorded instead of run.</summary>
    private static async Task<Running> StartAsync(string database, string name, ConcurrentQueue<Fire> fires, string idleWait)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Bot"] = database;
        builder.Configuration["Scheduling:IdleWaitTime"] = idleWait;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPostgres();
        builder.AddScheduling();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IEventPipeline>(new Recorder(name, fires));
        var host = builder.Build();
        await host.StartAsync();
        return new Running(host);
    }

    private sealed class Running(IHost host) : IAsyncDisposable
    {
        public IServiceProvider Services => host.Services;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private sealed class Recorder(string host, ConcurrentQueue<Fire> fires) : IEventPipeline
    {
        public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            foreach (var fired in events.OfType<TimerFired>())
            {
                fires.Enqueue(new Fire(host, fired.Key, fired.ScheduledFor, DateTimeOffset.UtcNow));
            }

            return Task.CompletedTask;
        }
    }
}
