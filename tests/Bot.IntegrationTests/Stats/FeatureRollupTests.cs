using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Stats;
using Bot.Domain.Model;
using Bot.Domain.Stats;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Stats;

/// <summary>Support, FAQ, content, invite and tier metrics rolled up from those features' rows.</summary>
public sealed class FeatureRollupTests
{
    private static readonly CommunityRef Community = new(Platform.Discord, "42");

    [Fact]
    public async Task Tickets_feedback_invites_and_tiers_roll_up_into_the_day()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync(
                """
                insert into tickets (community, user_id, member_name, kind, status, subject, opened_at, first_response_at, closed_at, rating)
                values (@c, 'u1', 'a', 'support', 'closed', 's', '2026-03-10 09:00Z', '2026-03-10 10:00Z', '2026-03-10 13:00Z', 5),
                       (@c, 'u2', 'b', 'support', 'closed', 's', '2026-03-10 08:00Z', '2026-03-10 11:00Z', '2026-03-10 16:00Z', 3),
                       (@c, 'u3', 'c', 'support', 'open', 's', '2026-03-09 08:00Z', null, null, null),
                       ('discord:other', 'u4', 'd', 'support', 'closed', 's', '2026-03-10 08:00Z', '2026-03-10 09:00Z', '2026-03-10 09:30Z', 1);
                insert into faq_revisions (community, revision) values (@c, 1);
                insert into faq_entries (id, community, questions, answer, tags, created_by, created_at, updated_at)
                values (1, @c, '{q}', 'a', '{}', 'staff', now(), now());
                insert into faq_feedback (community, entry_id, user_id, helpful, at)
                values (@c, 1, 'u1', true, '2026-03-10 12:00Z'), (@c, 1, 'u2', true, '2026-03-10 12:00Z'), (@c, 1, 'u3', false, '2026-03-10 12:00Z');
                insert into invite_joins (community, user_id, display_name, code, inviter_id, joined_at, certain, status)
                values (@c, 'u5', 'e', 'x', 'u1', '2026-03-10 15:00Z', true, 'pending');
                insert into tier_members (community, user_id, score_at, tier)
                values (@c, 'u1', now(), 2), (@c, 'u2', now(), 1), (@c, 'u3', now(), 0), (@c, 'u5', now(), 0);
                """,
                new { c = Community.ToString() });
        }

        await using (var session = new DbSession(NpgsqlDataSource.Create(connectionString)))
        {
            var store = new PostgresStatsStore(session, new RollupSql(FeatureRollupMetrics.All()));
            await store.RollUpAsync(Community, new DateOnly(2026, 3, 10), "UTC", CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using var read = new NpgsqlConnection(connectionString);
        var rows = (await read.QueryAsync<(string Metric, double Value, double Base)>(
            "select metric, value, base from stats_daily where community = @c and day = '2026-03-10'", new { c = Community.ToString() }))
            .ToDictionary(r => r.Metric, r => (r.Value, r.Base));

        Assert.Equal((4, 2), rows[FeatureMetrics.FirstResponse]);     // 1 h + 3 h over 2 tickets
        Assert.Equal((12, 2), rows[FeatureMetrics.Resolution]);       // 4 h + 8 h
        Assert.Equal((8, 2), rows[FeatureMetrics.Satisfaction]);      // (5 + 3) / 2
        Assert.Equal((2, 3), rows[FeatureMetrics.FaqHelpfulness]);
        Assert.Equal((1, 0), rows[FeatureMetrics.InviteJoins]);
        Assert.Equal((2, 4), rows[FeatureMetrics.ActiveTierShare]);
        Assert.Equal((0, 0), rows[FeatureMetrics.PostsPublished]);
    }
}
