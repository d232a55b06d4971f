using System.Diagnostics;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Tiering;
using Bot.Domain.Model;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// <c>tiers [members]</c>: seeds one community of 100,000 members (random points, tiers, ages) in a throwaway
/// Postgres and times the daily recomputation: the first run (many tier changes), then two later days.
/// </summary>
public sealed class TierBench : IBenchVerb
{
    public string Name => "tiers";

    public string Description => "the daily tier recomputation of 100,000 members (or the count given)";

    public async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 100_000;
        var community = new CommunityRef(Platform.Discord, "bench");
        var now = new DateTimeOffset(2025, 3, 1, 4, 0, 0, TimeSpan.Zero);
        var policy = new TieringOptions().PolicyFor(new TierThresholds(50, 300, 1000));
        await using var source = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await SeedAsync(source, community, count, now);

        for (var day = 0; day < 3; day++)
        {
            var at = now.AddDays(day);
            var started = Stopwatch.GetTimestamp();
            await using var db = new DbSession(source);
            var result = await new PostgresTieringStore(db).RecomputeAsync(community, policy, at, CancellationToken.None);
            await db.CommitAsync(CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Console.WriteLine(
                $"day {day}: recomputed {result.Members:N0} members in {elapsed.TotalMilliseconds:N0} ms " +
                $"({result.Changes.Count:N0} tier changes, {result.Nominations.Count:N0} nominations)");
        }
    }

    private static async Task SeedAsync(NpgsqlDataSource source, CommunityRef community, int count, DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = new DbSession(source);
        await db.ExecuteAsync(
            """
            insert into members (community, user_id, display_name, username, first_seen, last_seen, joined_at)
            select @c, 'u' || i, 'Member ' || i, 'member' || i, @now - interval '90 days', @now, @now - interval '90 days'
            from generate_series(1, @count) as i;
            insert into tier_members (community, user_id, activity, contribution, spending, score_at, tier, below_since)
            select @c, 'u' || i, (random() ^ 3) * 600, (random() ^ 4) * 800, (random() ^ 6) * 500,
                @now - (random() * interval '3 days'), (random() * 3.4)::int % 4,
                case when random() < 0.1 then @now - (random() * interval '20 days') end
            from generate_series(1, @count) as i;
            analyze tier_members;
            """,
            new { c = community.ToString(), count, now }, CancellationToken.None);
        await db.CommitAsync(CancellationToken.None);
        Console.WriteLine($"seeded {count:N0} members in {Stopwatch.GetElapsedTime(started).TotalSeconds:N1} s");
    }
}
