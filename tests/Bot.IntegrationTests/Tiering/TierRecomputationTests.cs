using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Tiering;
using Bot.Domain.Model;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.IntegrationTests.Tiering;

/// <summary>The set-based SQL recomputation must agree with the domain's <see cref="TierRules"/> on every case.</summary>
public sealed class TierRecomputationTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "sql");
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Sql_recomputation_matches_the_tier_rules_for_every_case()
    {
        var policy = new TieringOptions().PolicyFor(new TierThresholds(50, 300, 1000));
        await using var source = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        var cases = new List<TierStanding>();
        double[] scores = [10, 49.9, 50, 120, 299, 300, 999, 1000, 5000];
        DateTimeOffset?[] belowSince = [null, Now.AddDays(-1), Now.AddDays(-14), Now.AddDays(-20)];
        foreach (var tier in Enum.GetValues<Tier>())
        {
            foreach (var score in scores)
            {
                foreach (var below in belowSince)
                {
                    foreach (var age in new[] { 0, 10 })
                    {
                        var user = new UserRef(Platform.Console, $"u{cases.Count}");
                        cases.Add(new TierStanding(Community, user, score / 2, score / 4, score / 4, Now.AddDays(-age), tier, below));
                    }
                }
            }
        }

        var recentlyRejected = cases.First(c => c.Tier == Tier.Core && c.Score >= 5000 && c.ScoreAt == Now).User;
        var longAgoRejected = cases.Last(c => c.Tier == Tier.Core && c.Score >= 5000 && c.ScoreAt == Now).User;
        await using (var db = new DbSession(source))
        {
            var store = new PostgresTieringStore(db);
            foreach (var standing in cases)
            {
                await store.SaveAsync(standing, CancellationToken.None);
            }

            await db.ExecuteAsync(
                """
                insert into tier_nominations (community, user_id, score, status, created_at, decided_by, decided_at) values
                (@c, @recent, 5000, 'rejected', @now, 'boss', @now - interval '5 days'),
                (@c, @old, 5000, 'rejected', @now, 'boss', @now - interval '40 days')
                """,
                new { c = Community.ToString(), recent = recentlyRejected.Id, old = longAgoRejected.Id, now = Now }, CancellationToken.None);
            await db.CommitAsync(CancellationToken.None);
        }

        RecomputeResult result;
        await using (var db = new DbSession(source))
        {
            result = await new PostgresTieringStore(db).RecomputeAsync(Community, policy, Now, CancellationToken.None);
            await db.CommitAsync(CancellationToken.None);
        }

        await using (var db = new DbSession(source))
        {
            var store = new PostgresTieringStore(db);
            var expectedChanges = new List<(UserRef, Tier, Tier)>();
            var expectedNominations = new List<UserRef>();
            foreach (var before in cases)
            {
                var decayed = before.DecayedTo(Now, policy.HalfLife);
                var outcome = TierRules.Decide(decayed.Tier, decayed.Score, decayed.BelowSince, policy, Now);
                var after = (await store.GetAsync(Community, before.User, forUpdate: false, CancellationToken.None))!;
                Assert.Equal(decayed.Score, after.Score, 6);
                Assert.Equal((outcome.Tier, outcome.BelowSince), (after.Tier, after.BelowSince));
                if (outcome.Tier != before.Tier)
                {
                    expectedChanges.Add((before.User, before.Tier, outcome.Tier));
                }

                var lastDecided = before.User == recentlyRejected ? Now.AddDays(-5) : before.User == longAgoRejected ? Now.AddDays(-40) : (DateTimeOffset?)null;
                if (TierRules.ShouldNominate(outcome.Tier, decayed.Score, lastDecided, pending: false, policy, Now))
                {
                    expectedNominations.Add(before.User);
                }
            }

            Assert.Equal(cases.Count(c => c.ScoreAt < Now), result.Members);
            Assert.Equal(expectedChanges.OrderBy(c => c.Item1.Id), result.Changes.Select(c => (c.User, c.From, c.To)).OrderBy(c => c.User.Id));
            Assert.Equal(expectedNominations.OrderBy(u => u.Id), result.Nominations.Select(n => n.User).OrderBy(u => u.Id));
            Assert.Contains(longAgoRejected, expectedNominations);
            Assert.DoesNotContain(recentlyRejected, expectedNominations);
            Assert.NotEmpty(result.Changes);
        }

        await using (var db = new DbSession(source))
        {
            var again = await new PostgresTieringStore(db).RecomputeAsync(Community, policy, Now, CancellationToken.None);
            Assert.Empty(again.Nominations); // pending ones are not nominated twice
        }
    }
}
