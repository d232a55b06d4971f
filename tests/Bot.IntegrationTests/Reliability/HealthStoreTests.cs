using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Health;
using Bot.Adapters.Postgres.Outbox;
using Bot.Domain.Health;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Reliability;

/// <summary><c>/health</c>'s reads, the hourly post's mark and staff retries against PostgreSQL.</summary>
public sealed class HealthStoreTests
{
    private static readonly CommunityRef Ours = new(Platform.Telegram, "-100");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 5, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reads_the_communitys_dead_letters_poison_updates_and_lag_and_remembers_what_was_posted()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into dead_letters (id, event_id, platform, community, action, reason, attempts, created_at, failed_at) values
                    (1, 'e1', 'Telegram', 'telegram:-100', '{"$action": "Reply"}', 'old', 1, now(), now() - interval '2 hours'),
                    (2, 'e2', 'Telegram', 'telegram:-100', '{"$action": "BanMember"}', 'no rights', 8, now(), now() - interval '1 hour'),
                    (3, 'e3', 'Telegram', 'telegram:-200', '{"$action": "Reply"}', 'theirs', 1, now(), now());
                insert into poison_updates (source, update_id, community, payload, reason, failures) values
                    ('telegram', '1', null, '{}', 'malformed', 1), ('telegram', '2', 'telegram:-200', '{}', 'bug', 3), ('discord', '3', null, '{}', 'bug', 3);
                insert into outbox (event_id, platform, community, action, created_at) values ('e4', 'Telegram', 'telegram:-100', '{"$action": "Reply"}', now() - interval '90 seconds');
                """);
        }

        HealthReport report;
        NewDeadLetters all;
        await using (var db = new DbSession(dataSource))
        {
            var store = new PostgresHealthStore(db, new PostgresOutboxStore(dataSource));
            report = await store.ReportAsync(Ours, 5, default);
            all = await store.DeadLettersSinceAsync(Ours, null, 5, default);
            await store.SaveDigestAsync(Ours, new HealthDigestMark(Now, all.Until!.Value), default);
            await db.CommitAsync(default);
        }

        Assert.Equal(1, report.Pending);
        Assert.InRange(report.Lag.TotalSeconds, 89, 300);
        Assert.Equal(2, report.DeadLetters);
        Assert.Equal([2L, 1L], report.Latest.Select(l => l.Id));
        Assert.Equal(("BanMember", "no rights", 8), (report.Latest[0].Action, report.Latest[0].Reason, report.Latest[0].Attempts));
        Assert.Equal(1, report.PoisonUpdates);
        Assert.Equal(2, all.Count);

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "insert into dead_letters (id, event_id, platform, community, action, reason, attempts, created_at) values (5, 'e5', 'Telegram', 'telegram:-100', '{\"$action\": \"Reply\"}', 'new', 1, now())");
        }

        await using (var db = new DbSession(dataSource))
        {
            var store = new PostgresHealthStore(db, new PostgresOutboxStore(dataSource));
            var mark = await store.LastDigestAsync(Ours, default);
            var fresh = await store.DeadLettersSinceAsync(Ours, mark!.ReportedUntil, 5, default);
            var retried = await store.RetryAsync(Ours, 2, default);
            var missing = await store.RetryAsync(Ours, 3, default);
            await db.CommitAsync(default);

            Assert.Equal(Now, mark.PostedAt);
            Assert.Equal(all.Until, mark.ReportedUntil);
            Assert.Equal(5, Assert.Single(fresh.Latest).Id);
            Assert.Equal(1, fresh.Count);
            Assert.Equal(1, retried);
            Assert.Equal(0, missing);
        }

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from outbox where id = 2 and done_at is null and attempts = 0"));
            Assert.Equal([1L, 3L, 5L], await connection.QueryAsync<long>("select id from dead_letters order by id"));
        }
    }
}
