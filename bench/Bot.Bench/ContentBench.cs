using System.Diagnostics;
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

namespace Bot.Bench;

/// <summary>
/// Scheduled publishing at scale: N pending posts (argument 1, default 10,000) as timers in the production Quartz
/// setup (persistent, clustered, on a throwaway Postgres), due evenly over a window (argument 2, seconds, default 60).
/// Every fire enters a pipeline that records how late it came versus its due time; prints p50/p99/max.
/// </summary>
public sealed class ContentBench : IBenchVerb
{
    public string Name => "content";

    public string Description => "10,000 scheduled posts as clustered Quartz timers: how late each fires (p50/p99/max)";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var window = TimeSpan.FromSeconds(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 60);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:Bot"] = await PostgresFixture.CreateDatabaseAsync();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPostgres();
        builder.AddScheduling();
        var recorder = new LatenessRecorder(count);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IEventPipeline>(recorder);
        using var host = builder.Build();
        var timers = host.Services.GetRequiredService<TimerScheduler>();

        // Timers are handed over the way the sending lanes do: runs of up to ActionLanes.MaxTimerBatch (stored as rows,
        // set-based, but the earliest of each run through Quartz), four lanes (communities) at once. Scheduling speed decides when the first post can be due:
        // measured on a sample, with room to spare.
        var community = new CommunityRef(Platform.Discord, "bench");
        var sample = Stopwatch.StartNew();
        for (var b = 0; b < 2; b++)
        {
            await timers.ScheduleAllAsync(
                [.. Enumerable.Range(b * ActionLanes.MaxTimerBatch, ActionLanes.MaxTimerBatch)
                    .Select(i => new ScheduleTimer(community, "content", $"warm{i}", DateTimeOffset.UtcNow.AddDays(1)))],
                CancellationToken.None);
        }

        var perTimer = sample.Elapsed / (2 * ActionLanes.MaxTimerBatch);
        var first = DateTimeOffset.UtcNow + (perTimer * count * 1.3) + TimeSpan.FromSeconds(3);
        var step = window / count;
        recorder.DueOf = key => first + (step * int.Parse(key, CultureInfo.InvariantCulture));
        var scheduling = Stopwatch.StartNew();
        var asRows = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count).Chunk(ActionLanes.MaxTimerBatch), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (run, ct) =>
            Interlocked.Add(ref asRows, await timers.ScheduleAllAsync(
                [.. run.Select(i => new ScheduleTimer(community, "content", i.ToString(CultureInfo.InvariantCulture), first + (step * i)))], ct)));
        scheduling.Stop();
        var behind = DateTimeOffset.UtcNow - first;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduled {count} timers in {scheduling.Elapsed.TotalSeconds:0.0} s ({count / scheduling.Elapsed.TotalSeconds:0} /s, {asRows} stored as rows); due over {window.TotalSeconds:0} s"));
        if (behind > TimeSpan.Zero)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: scheduling ended {behind.TotalSeconds:0.0} s after the first was due"));
        }

        await host.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scheduler started {(first - DateTimeOffset.UtcNow).TotalSeconds:0.0} s before the first was due"));
        await Task.WhenAny(recorder.AllFired, Task.Delay(first + window + TimeSpan.FromSeconds(60) - DateTimeOffset.UtcNow));
        await host.StopAsync();

        // How lateness develops over the window: a constant offset and a growing backlog look different here.
        var byTenth = recorder.Lateness.Select((l, i) => (l, i)).GroupBy(x => x.i * 10 / Math.Max(1, recorder.Lateness.Count))
            .Select(g => g.Select(x => x.l).Order().ElementAt(g.Count() / 2));
        Console.WriteLine("median lateness ms by tenth of arrivals: " + string.Join(' ', byTenth.Select(l => l.ToString("0", CultureInfo.InvariantCulture))));
        var late = recorder.Lateness.Order().ToArray();
        double Percentile(double p) => late[Math.Clamp((int)Math.Ceiling(p * late.Length) - 1, 0, late.Length - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fired {late.Length}/{count}; lateness ms p50 {Percentile(0.50):0} p99 {Percentile(0.99):0} max {late[^1]:0}; within 1 s: {late.Count(l => l <= 1000) * 100.0 / late.Length:0.00}%"));
    }

    /// <summary>Stands in for the pipeline: notes when each timer arrived against the time it was for.</summary>
    private sealed class LatenessRecorder(int expected) : IEventPipeline
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<double> _lateness = [];

        public Task AllFired => _done.Task;

        /// <summary>A timer's own due time, by its key: a misfired trigger reports "now" as its scheduled time.</summary>
        public Func<string, DateTimeOffset> DueOf { get; set; } = _ => throw new InvalidOperationException("Nothing is due yet.");

        public IReadOnlyList<double> Lateness
        {
            get
            {
                lock (_lateness)
                {
                    return [.. _lateness];
                }
            }
        }

        public Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
        {
            var now = DateTimeOffset.UtcNow;
            lock (_lateness)
            {
                foreach (var fired in events.OfType<TimerFired>().Where(f => !f.Key.StartsWith("warm", StringComparison.Ordinal)))
                {
                    _lateness.Add((now - DueOf(fired.Key)).TotalMilliseconds);
                }

                if (_lateness.Count >= expected)
                {
                    _done.TrySetResult();
                }
            }

            return Task.CompletedTask;
        }
    }
}
