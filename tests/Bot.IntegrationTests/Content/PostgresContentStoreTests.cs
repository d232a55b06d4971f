using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Content;
using Bot.Domain.Content;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Content;

public sealed class PostgresContentStoreTests
{
    private static readonly CommunityRef Community = new(Platform.Discord, "42");

    [Fact]
    public async Task The_histogram_buckets_by_local_hour_on_both_sides_of_a_dst_change()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        // Saturday 29 March 09:00 UTC is 09:00 GMT; Monday 31 March 09:00 UTC is 10:00 BST.
        await InsertMessagesAsync(dataSource, ("general", "2025-03-29T09:00:00Z"), ("general", "2025-03-31T09:00:00Z"),
            ("general", "2025-03-31T09:30:00Z"), ("news", "2025-03-31T09:10:00Z"), ("general", "2025-02-01T09:00:00Z"));
        await using var db = new DbSession(dataSource);
        var store = new PostgresContentStore(db);
        var since = new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);

        var all = await store.HistogramAsync(Community, [], "Europe/London", since, CancellationToken.None);
        var general = await store.HistogramAsync(Community, ["general"], "Europe/London", since, CancellationToken.None);

        Assert.Equal(1, all[DayOfWeek.Saturday, 9]);
        Assert.Equal(3, all[DayOfWeek.Monday, 10]);
        Assert.Equal(0, all[DayOfWeek.Monday, 9]);
        Assert.Equal(4, all.Total); // the February message is outside the window
        Assert.Equal(2, general[DayOfWeek.Monday, 10]);
    }

    [Fact]
    public async Task A_save_from_a_stale_read_is_refused_and_publications_are_kept_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await using var db = new DbSession(dataSource);
        var store = new PostgresContentStore(db);
        var now = new DateTimeOffset(2025, 6, 4, 10, 0, 0, TimeSpan.Zero);
        var created = await store.CreateAsync(
            new Post(0, Community, new UserRef(Platform.Discord, "7"), "T", "B", ["news"], ["general", "news"], PostState.Draft, now), CancellationToken.None);
        var read = (await store.GetAsync(Community, created.Id, CancellationToken.None))!;

        Assert.True(await store.SaveAsync(read with { State = PostState.Scheduled, ScheduledFor = now.AddHours(2) }, CancellationToken.None));
        Assert.False(await store.SaveAsync(read with { State = PostState.Cancelled }, CancellationToken.None));
        var publication = new Publication(created.Id, now.AddHours(2), "general", "m1", now.AddHours(2));
        Assert.True(await store.AddPublicationAsync(publication, CancellationToken.None));
        Assert.False(await store.AddPublicationAsync(publication with { MessageId = "m2" }, CancellationToken.None));

        var stored = (await store.GetAsync(Community, created.Id, CancellationToken.None))!;
        Assert.Equal((PostState.Scheduled, now.AddHours(2), 1), (stored.State, stored.ScheduledFor!.Value, stored.Version));
        Assert.Equal(["general", "news"], stored.Channels);
        Assert.Equal("m1", Assert.Single(await store.PublicationsAsync(created.Id, CancellationToken.None)).MessageId);
        Assert.Single(await store.ListAsync(Community, PostState.Scheduled, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Revisions_keep_their_history_one_pending_per_post_and_refuse_a_stale_save()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await using var db = new DbSession(dataSource);
        var store = new PostgresContentStore(db);
        var now = new DateTimeOffset(2025, 6, 4, 10, 0, 0, TimeSpan.Zero);
        var post = await store.CreateAsync(
            new Post(0, Community, new UserRef(Platform.Discord, "7"), "T", "B", ["news"], ["general"], PostState.Published, now), CancellationToken.None);

        var first = await store.AddRevisionAsync(Revision.Of(post with { Title = "T2", Pin = true }, new UserRef(Platform.Discord, "8"), now), CancellationToken.None);
        var pending = (await store.PendingRevisionAsync(post.Id, CancellationToken.None))!;
        Assert.Equal((first.Id, "T2", true, "8", Community), (pending.Id, pending.Title, pending.Pin, pending.Author.Id, pending.Community));
        Assert.Null(await store.GetRevisionAsync(new CommunityRef(Platform.Discord, "other"), first.Id, CancellationToken.None));

        var approved = pending with { State = RevisionState.Approved, ReviewedBy = new UserRef(Platform.Discord, "9"), DecidedAt = now.AddMinutes(5) };
        Assert.True(await store.SaveRevisionAsync(approved, CancellationToken.None));
        Assert.False(await store.SaveRevisionAsync(pending with { State = RevisionState.Rejected }, CancellationToken.None));
        Assert.Null(await store.PendingRevisionAsync(post.Id, CancellationToken.None));

        var second = await store.AddRevisionAsync(Revision.Of(post with { Body = "B2" }, new UserRef(Platform.Discord, "8"), now), CancellationToken.None);
        var stored = (await store.GetRevisionAsync(Community, first.Id, CancellationToken.None))!;
        Assert.Equal((RevisionState.Approved, "9", now.AddMinutes(5), 1), (stored.State, stored.ReviewedBy!.Value.Id, stored.DecidedAt!.Value, stored.Version));
        Assert.Equal(second.Id, (await store.PendingRevisionAsync(post.Id, CancellationToken.None))!.Id);

        // Last: the refused insert ends the session's transaction.
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            store.AddRevisionAsync(Revision.Of(post, new UserRef(Platform.Discord, "8"), now), CancellationToken.None));
        Assert.Equal("23505", duplicate.SqlState);
    }

    private static async Task InsertMessagesAsync(NpgsqlDataSource dataSource, params (string Channel, string At)[] messages)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var n = 0;
        foreach (var (channel, at) in messages)
        {
            await connection.ExecuteAsync(
                "insert into messages (community, channel_id, message_id, user_id, at, text, length) values (@c, @channel, @id, 'u', @at, 'x', 1)",
                new { c = Community.ToString(), channel, id = $"m{++n}", at = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) });
        }
    }
}
