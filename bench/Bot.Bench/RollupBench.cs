using System.Diagnostics;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Stats;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// One day's stats roll-up for a community of 100,000 members with 1,000,000 messages that day (and members who
/// joined over the month before, so the retention and conversion cohorts have work), on a throwaway Postgres.
/// </summary>
public sealed class RollupBench : IBenchVerb
{
    private const int Members = 100_000;
    private const int Messages = 1_000_000;

    public string Name => "rollup";

    public string Description => "one day's stats roll-up: 100,000 members, 1,000,000 messages ('explain' prints the plan)";

    public async Task RunAsync(string[] args)
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var community = new CommunityRef(Platform.Telegram, "-100");
        var day = new DateOnly(2025, 6, 30);
        var seeding = Stopwatch.StartNew();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync(new CommandDefinition(
                """
                insert into members (community, user_id, display_name, first_seen, last_seen, joined_at, left_at)
                select @c, 'u' || i, 'u' || i, j, j, j, case when i % 10 = 0 then j + interval '3 days' end
                from generate_series(1, @members) i, lateral (select timestamptz '2025-06-30 00:00Z' - (i % 45) * interval '1 day' - (i % 1440) * interval '1 minute' as j) t;
                -- Indexes are rebuilt after the bulk insert: much faster than maintaining them row by row.
                alter table messages drop constraint messages_pkey;
                drop index messages_by_time;
                drop index messages_by_user;
                insert into messages (community, channel_id, message_id, user_id, at, text, length)
                select @c, 'ch' || (i % 12), 'm' || i, 'u' || (1 + (i::bigint * 7919) % @members), timestamptz '2025-06-30 00:00Z' + (i % 86400) * interval '1 second', null, 20
                from generate_series(1, @messages) i;
                alter table messages add primary key (community, channel_id, message_id);
                create index messages_by_time on messages (community, at);
                create index messages_by_user on messages (community, user_id, at);
                insert into audit_log (community, at, action, source, reason)
                select @c, timestamptz '2025-06-30 00:00Z' + i * interval '1 minute', (array['warn', 'timeout', 'ban', 'command'])[1 + i % 4], 'bench', ''
                from generate_series(1, 1000) i;
                """,
                new { c = community.ToString(), members = Members, messages = Messages },
                commandTimeout: 600));

            // A settled table, as autovacuum leaves it: statistics and the visibility map for index-only scans.
            await connection.ExecuteAsync(new CommandDefinition("vacuum analyze members, messages, audit_log", commandTimeout: 600));
        }

        Console.WriteLine($"seeded {Members:N0} members and {Messages:N0} messages in {seeding.Elapsed.TotalSeconds:F1} s");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var metrics = CoreRollupMetrics.All().Concat(FeatureRollupMetrics.All()).ToList();
        var rollup = new RollupSql(metrics);
        for (var run = 1; run <= 3; run++)
        {
            await using var session = new DbSession(dataSource);
            var store = new PostgresStatsStore(session, rollup);
            var timer = Stopwatch.StartNew();
            await store.RollUpAsync(community, day, "UTC", CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
            Console.WriteLine($"rollup run {run}: {timer.Elapsed.TotalMilliseconds:F0} ms");
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            foreach (var metric in metrics)
            {
                var timer = Stopwatch.StartNew();
                await connection.ExecuteAsync(new CommandDefinition(
                    $"{RollupSql.Shared} select count(*) from ({metric.Sql}) f",
                    new { c = community.ToString(), day = "2025-06-30", tz = "UTC" }, commandTimeout: 600));
                Console.WriteLine($"  {metric.Key}: {timer.Elapsed.TotalMilliseconds:F0} ms");
            }

            var rows = await connection.QueryAsync<(string Metric, double Value)>(
                "select metric, sum(value) from stats_daily where community = @c and metric in ('members', 'dau', 'messages', 'mau') group by metric order by metric",
                new { c = community.ToString() });
            Console.WriteLine(string.Join(", ", rows.Select(r => $"{r.Metric}={r.Value:N0}")));
            if (args.Contains("explain"))
            {
                // The plan of the whole roll-up, as RollUpAsync runs it: its settings first, then the query.
                await using var transaction = await connection.BeginTransactionAsync();
                var statements = rollup.Query.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var setting in statements[..^1])
                {
                    await connection.ExecuteAsync(new CommandDefinition(setting, transaction: transaction));
                }

                var plan = await connection.QueryAsync<string>(new CommandDefinition(
                    "explain (analyze, buffers) " + statements[^1], new { c = community.ToString(), day = "2025-06-30", tz = "UTC" }, transaction, commandTimeout: 600));
                Console.WriteLine(string.Join("\n", plan));
            }
        }
    }
}
