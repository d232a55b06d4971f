using System.Diagnostics;
using System.Runtime;
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
/// commit, outbox) on a throwaway PostgreSQL. Prints events/s and per-event latency percentiles, the process's RSS,
/// and the ratio to this machine's ceiling (binary COPY of message-log rows, measured in the same run).
/// Options: <c>[events=20000] [batch=100] [producers=4] [members=500]</c>: authors cycle through <c>members</c>
/// distinct members, all known beforehand (a member record and a standing each), so <c>members=100000</c> exercises
/// the caches and preloads cold (most authors not seen by this process yet) and the RSS with that many members.
/// <c>warmup=20000</c> events go first through another community (JIT, pools), not measured; <c>warmup=0</c> measures
/// a cold process. <c>profile=1</c> adds the CPU per event by feature and preloader (<see cref="FeatureProfile"/>).
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
        var members = options.GetValueOrDefault("members", 500);
        var warmup = options.GetValueOrDefault("warmup", 20_000);
        var profile = options.GetValueOrDefault("profile", 0) == 1 ? new FeatureProfile() : null;

        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using var app = Bot.Host.Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Bot"] = connectionString,
                ["Console:Enabled"] = "false",
                ["Urls"] = "http://127.0.0.1:0",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            if (profile is not null)
            {
                builder.Host.UseServiceProviderFactory(profile.Factory());
            }
        });
        await app.StartAsync();
        var pipeline = app.Services.GetRequiredService<IEventPipeline>();
        var community = new CommunityRef(Platform.Console, "bench");
        var texts = new[] { "hello everyone", "今天的活動幾點開始？", "has anyone tried the new feature", "謝謝大家的幫忙", "where is the rules channel" };

        // Warm-up: JIT (tiered compilation settles only after some thousand batches), connection pool, first community
        // row. It runs in another community with few members, so the measured one's caches and rows are still cold and the
        // RSS is the measured members'.
        await pipeline.ProcessAsync(Make(community, texts, members, "warm", 0, batch), CancellationToken.None);
        await RunProducersAsync(pipeline, new CommunityRef(Platform.Console, "bench-warm-up"), texts, Math.Min(members, 500), producers, warmup / producers / batch, batch, []);

        await SeedAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), community, members);
        var latencies = new List<double>(total / batch + producers);
        var perProducer = total / producers / batch;
        profile?.Reset();
        var dataSource = app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        var serverCpuBefore = await ServerCpuAsync(dataSource);
        var deadlocksBefore = await DeadlocksAsync(dataSource);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var (allocatedBefore, pauseBefore, gcsBefore) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var (jitBefore, jittedBefore) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount());
        var clock = Stopwatch.StartNew();
        await RunProducersAsync(pipeline, community, texts, members, producers, perProducer, batch, latencies);
        clock.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var (allocated, pause, gcs) = (GC.GetTotalAllocatedBytes() - allocatedBefore, GC.GetTotalPauseDuration() - pauseBefore, GC.CollectionCount(0) - gcsBefore);
        var (jit, jitted) = (System.Runtime.JitInfo.GetCompilationTime() - jitBefore, System.Runtime.JitInfo.GetCompiledMethodCount() - jittedBefore);
        var serverCpu = await ServerCpuAsync(dataSource) - serverCpuBefore;
        var deadlocks = await DeadlocksAsync(dataSource) - deadlocksBefore;

        var rss = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);
        var gcCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes / (1024.0 * 1024.0);
        var ceiling = await CopyCeilingAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), total);

        await app.StopAsync();

        var processed = perProducer * producers * batch;
        latencies.Sort();
        var throughput = processed / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"pipeline: {processed} events, batch {batch}, {producers} producers, {members:N0} members, {Environment.ProcessorCount} cores, after {warmup:N0} warm-up events");
        Console.WriteLine($"  throughput      {throughput:N0} events/s");
        Console.WriteLine($"  batch latency   p50 {Percentile(latencies, 0.50):F1} ms   p99 {Percentile(latencies, 0.99):F1} ms   max {latencies[^1]:F1} ms");
        Console.WriteLine($"  deadlocks       {deadlocks} (each one rolls a batch back to run again)");
        Console.WriteLine($"  rss             {rss:N0} MB ({gcCommitted:N0} MB of it committed by the GC)");
        Console.WriteLine($"  copy ceiling    {ceiling:N0} rows/s (binary COPY, one table); throughput is {throughput / ceiling:P1} of it");
        Console.WriteLine($"  bot process     {cpu / processed * 1000:F0} µs CPU/event, {allocated / processed / 1024.0:F1} KB allocated/event, {gcs} GCs, {pause.TotalMilliseconds:F0} ms paused ({(GCSettings.IsServerGC ? "server" : "workstation")} GC)");
        Console.WriteLine($"  jit             {jitted:N0} methods compiled during the run, {jit.TotalMilliseconds:N0} ms");
        Console.WriteLine($"  postgres        {serverCpu / processed * 1000:F0} µs CPU/event (server processes)");
        Console.WriteLine("  (an event's latency is its batch's: it is committed when its batch is)");
        profile?.Print(processed, cpu);
    }

    private static async Task RunProducersAsync(
        IEventPipeline pipeline, CommunityRef community, string[] texts, int members, int producers, int perProducer, int batch, List<double> latencies)
    {
        await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(async () =>
        {
            var mine = new List<double>(perProducer);
            for (var b = 0; b < perProducer; b++)
            {
                // Producers start at different members, as different chats would.
                var events = Make(community, texts, members, $"p{p}", (p * members / producers) + (b * batch), batch);
                var started = Stopwatch.GetTimestamp();
                await pipeline.ProcessAsync(events, CancellationToken.None);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
            }
        })));
    }

    // Every member known before the run (a member record and a standing each), as in a community that has grown.
    private static async Task SeedAsync(Npgsql.NpgsqlDataSource dataSource, CommunityRef community, int members)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var seed = new Npgsql.NpgsqlCommand(
            """
            insert into members (community, user_id, display_name, first_seen, last_seen)
            select @c, 'u' || g, 'u' || g, now() - interval '30 days', now() - interval '1 day' from generate_series(0, @n - 1) g on conflict do nothing;
            insert into tier_members (community, user_id, activity, score_at)
            select @c, 'u' || g, g % 50, now() - interval '1 day' from generate_series(0, @n - 1) g on conflict do nothing;
            """, connection);
        seed.Parameters.AddWithValue("c", community.ToString());
        seed.Parameters.AddWithValue("n", members);
        await seed.ExecuteNonQueryAsync();
    }

    private static async Task<long> DeadlocksAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        // The statistics collector reports with a delay: a fresh snapshot, not the one cached in this transaction.
        await using var command = dataSource.CreateCommand("select pg_stat_clear_snapshot(); select deadlocks from pg_stat_database where datname = current_database()");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0);
    }

    // CPU milliseconds used so far by the cluster's postmaster and its children (Linux /proc; 0 elsewhere).
    private static async Task<double> ServerCpuAsync(Npgsql.NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("show data_directory");
        var pidFile = Path.Combine((string)(await command.ExecuteScalarAsync())!, "postmaster.pid");
        if (!File.Exists(pidFile) || !Directory.Exists("/proc"))
        {
            return 0;
        }

        var postmaster = (await File.ReadAllLinesAsync(pidFile))[0].Trim();
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                // pid (comm) state ppid … utime(14) stime(15): fields counted after the closing parenthesis.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (Path.GetFileName(dir) == postmaster || fields[1] == postmaster)
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended meanwhile.
            }
        }

        return ticks * 10; // USER_HZ is 100 on Linux
    }

    // The most this machine writes: message-log-shaped rows by binary COPY into a logged copy of the table, indexes included.
    private static async Task<double> CopyCeilingAsync(Npgsql.NpgsqlDataSource dataSource, int rows)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var create = new Npgsql.NpgsqlCommand("create table copy_probe (like messages including all)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var now = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        await using (var writer = await connection.BeginBinaryImportAsync("copy copy_probe (community, channel_id, message_id, user_id, at, text, length) from stdin (format binary)"))
        {
            for (var i = 0; i < rows; i++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync("console:bench");
                await writer.WriteAsync("c1");
                await writer.WriteAsync($"copy-{i}");
                await writer.WriteAsync($"u{i % 500}");
                await writer.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("has anyone tried the new feature");
                await writer.WriteAsync(32);
            }

            await writer.CompleteAsync();
        }

        return rows / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static List<ChatEvent> Make(CommunityRef community, string[] texts, int members, string producer, int start, int count)
    {
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(start, count).Select(i =>
        {
            var user = new UserRef(Platform.Console, $"u{i % members}");
            return (ChatEvent)new MessagePosted(
                $"bench:{community.Id}:{producer}:{i}", community, now, $"c{i % 5}", $"{producer}-{i}",
                new Member(user, user.Id, user.Id), texts[i % texts.Length]);
        })];
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
