using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Content;
using Bot.Adapters.Postgres.Faq;
using Bot.Adapters.Postgres.Tiering;
using Bot.Domain.Content;
using Bot.Domain.Faq;
using Bot.Domain.Model;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Stats;

/// <summary>What the roll-up reads from other features: the FAQ question log, post engagement, and the first rise to the active tier.</summary>
public sealed class StatsSourceTests
{
    private static readonly CommunityRef Community = new(Platform.Discord, "42");
    private static readonly DateTimeOffset At = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Questions_and_engagement_are_kept_once_and_only_engagement_with_a_publication_counts()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using (var session = new DbSession(NpgsqlDataSource.Create(connectionString)))
        {
            var content = new PostgresContentStore(session);
            var post = await content.CreateAsync(new Post(0, Community, User("staff"), "t", "b", [], ["general"], PostState.Published, At), default);
            await content.AddPublicationAsync(new Publication(post.Id, At, "general", "77", At), default);
            PostEngagement Engagement(string message, EngagementKind kind, string key, CommunityRef? community = null) =>
                new(community ?? Community, "general", message, kind, User("u1"), key, At.AddMinutes(5));
            foreach (var engagement in new[]
            {
                Engagement("77", EngagementKind.Reaction, "👍"), Engagement("77", EngagementKind.Reaction, "👍"),
                Engagement("77", EngagementKind.Reply, "78"), Engagement("99", EngagementKind.Reply, "100"),
                Engagement("77", EngagementKind.Reaction, "❤️", new CommunityRef(Platform.Discord, "other")),
            })
            {
                await content.RecordEngagementAsync(engagement, default);
            }

            var faq = new PostgresFaqStore(session);
            var question = new FaqQuestion(Community, "help", "m1", User("u1"), At, null, Answered: false);
            await faq.RecordQuestionAsync(question, default);
            await faq.RecordQuestionAsync(question with { Answered = true }, default);
            await session.CommitAsync(default);

            await using var check = new DbSession(NpgsqlDataSource.Create(connectionString));
            Assert.Equal(new EngagementCount(1, 1), await new PostgresContentStore(check).EngagementAsync(post.Id, default));
        }

        await using var read = new NpgsqlConnection(connectionString);
        Assert.Equal([false], await read.QueryAsync<bool>("select answered from faq_questions where community = @c", new { c = Community.ToString() }));
    }

    [Fact]
    public async Task The_first_rise_to_the_active_tier_is_recorded_and_later_changes_keep_it()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await using (var session = new DbSession(NpgsqlDataSource.Create(connectionString)))
        {
            var tiers = new PostgresTieringStore(session);
            var standing = new TierStanding(Community, User("u1"), 1, 0, 0, At, Tier.Regular);
            await tiers.SaveAsync(standing, default);
            await tiers.SaveAsync(standing with { ScoreAt = At.AddDays(2), Tier = Tier.Active }, default);
            await tiers.SaveAsync(standing with { ScoreAt = At.AddDays(3), Tier = Tier.Core }, default);
            await tiers.SaveAsync(standing with { ScoreAt = At.AddDays(9), Tier = Tier.Regular }, default);
            await tiers.SaveAsync(standing with { ScoreAt = At.AddDays(12), Tier = Tier.Active }, default);
            await tiers.SaveAsync(standing with { User = User("u2"), ScoreAt = At.AddDays(1), Tier = Tier.Core }, default);
            await tiers.SaveAsync(standing with { User = User("u3") }, default);
            await session.CommitAsync(default);
        }

        await using var read = new NpgsqlConnection(connectionString);
        var reached = (await read.QueryAsync<(string User, DateTime At)>("select user_id, reached_at from stats_tier_reached order by user_id"))
            .Select(r => (r.User, new DateTimeOffset(r.At, TimeSpan.Zero))).ToList();
        Assert.Equal([("u1", At.AddDays(2)), ("u2", At.AddDays(1))], reached);
    }

    private static UserRef User(string id) => new(Platform.Discord, id);
}
