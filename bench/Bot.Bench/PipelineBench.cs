using System.Diagnostics;
using Bot.Adapters.Pipeline;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Bench;

/// <summary>
/// Synthetic <see cref="MessagePosted"/> events through the real pipeline (dedupe, every registered feature,
/// commit, outbox) on a throwaway PostgreSQL. Prints events/s and per-event latency percentiles.
/// Options: <c>[events=20000] [batch=100] [producers=4]</c>.
/// </summary>
public sealed class PipelineBench : IBenchVerb
{
    public string Name => "pipeline";

    public string Description => "events/s and p50/p99 latency of MessagePosted through the full pipeline";

    public async Task RunAsync(string[] args)
    {
        var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var total = options.GetValueOrDefault("events", 20_000);
        var batch = options.GetValueOrDefault("batch", 100);
        var producers = options.GetValueOrDefault("producers", 4);

        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using var app = Bot.Host.Program.Build([], builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = connectionString,
            ["Console:Enabled"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        await app.StartAsync();
        var pipeline = app.Services.GetRequiredService<IEventPipeline>();
        var community = new CommunityRef(Platform.Console, "bench");
        var texts = new[] { "hello everyone", "今天的活動幾點開始？", "has anyone tried the new feature", "謝謝大家的幫忙", "where is the rules channel" };

        // Warm-up: JIT, connection pool, first community row.
        await pipeline.ProcessAsync(Make(community, texts, "warm", 0, batch), CancellationToken.None);

        var latencies = new List<double>(total / batch + producers);
        var perProducer = total / producers / batch;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var mine = new List<double>(perProducer);
            for (var b = 0; b < perProducer; b++)
            {
                var events = Make(community, texts, $"p{p}", b * batch, batch);
                var started = Stopwatch.GetTimestamp();
                await pipeline.ProcessAsync(events, CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
        clock.Stop();
        long deadlocks;
        await using (var connection = await app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync())
        await using (var command = new Npgsql.NpgsqlCommand("select deadlocks from pg_stat_database where datname = current_database()", connection))
        {
            deadlocks = (long)(await command.ExecuteScalarAsync())!;
        }

        await app.StopAsync();

        var processed = perProducer * producers * batch;
        latencies.Sort();
        Console.WriteLine($"pipeline: {processed} events, batch {batch}, {producers} producers, {Environment.ProcessorCount} cores");
        Console.WriteLine($"  throughput      {processed / clock.Elapsed.TotalSeconds:N0} events/s");
        Console.WriteLine($"  batch latency   p50 {Percentile(latencies, 0.50):F1} ms   p99 {Percentile(latencies, 0.99):F1} ms   max {latencies[^1]:F1} ms");
        Console.WriteLine($"  deadlocks       {deadlocks} (each one rolls a batch back to run again)");
        Console.WriteLine("  (an event's latency is its batch's: it is committed when its batch is)");
    }

    private static List<ChatEvent> Make(CommunityRef community, string[] texts, string producer, int start, int count)
    {
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(start, count).Select(i =>
        {
            var user = new UserRef(Platform.Console, $"u{i % 500}");
            return (ChatEvent)new MessagePosted(
                $"bench:{producer}:{i}", community, now, $"c{i % 5}", $"{producer}-{i}",
                new Member(user, user.Id, user.Id), texts[i % texts.Length]);
        })];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
