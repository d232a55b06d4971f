using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Faq;
using Bot.Adapters.Postgres.Stats;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Faq;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Stats;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Stats;

public sealed class RollupTests
{
    private static readonly CommunityRef Community = new(Platform.Telegram, "-100");
    private static readonly CommunityRef Other = new(Platform.Telegram, "-200");

    // New York has a daylight-saving change on 2025-03-09, inside the generated span.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly FirstDay = new(2025, 2, 20);
    private const int Days = 45;

    [Fact]
    public async Task Every_days_rollup_matches_a_plain_recomputation_and_stays_within_its_community()
    {
        var (connectionString, data) = await SeedAsync();

        await RollUpAllAsync(connectionString);

        var stored = await StoredAsync(connectionString, Community);
        for (var day = FirstDay; day < FirstDay.AddDays(Days); day = day.AddDays(1))
        {
            var expected = data.Expected(day).Select(e => Row(day, e.Metric, e.Dimension, e.Value, e.Base)).Order().ToList();
            var actual = stored.Where(r => r.StartsWith(Iso(day), StringComparison.Ordinal)).Order().ToList();
            Assert.Equal(expected, actual);
        }

        Assert.Contains(stored, r => r.Contains(CoreMetrics.RetentionDay7, StringComparison.Ordinal));
        foreach (var metric in new[] { CoreMetrics.Conversion, FeatureMetrics.ConversionActive, FeatureMetrics.PostReactions, FeatureMetrics.PostReplies, FeatureMetrics.InviteRetention })
        {
            Assert.Contains(stored, r => r.Contains($" {metric} [", StringComparison.Ordinal) && !r.Contains("] 0 /", StringComparison.Ordinal));
        }

        Assert.Empty(await StoredAsync(connectionString, Other));
    }

    [Fact]
    public async Task Rolling_up_the_same_days_again_gives_the_same_rows()
    {
        var (connectionString, _) = await SeedAsync();
        await RollUpAllAsync(connectionString);
        var first = await StoredAsync(connectionString, Community);

        await RollUpAllAsync(connectionString);
        var second = await StoredAsync(connectionString, Community);

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_tick_back_fills_every_missing_day_up_to_yesterday_and_a_second_tick_adds_none()
    {
        var (connectionString, data) = await SeedAsync();
        var options = new StatsOptions();
        var now = RollupData.Midnight(Zone, FirstDay.AddDays(Days)).AddHours(3);
        await using (var session = Session(connectionString, out var store))
        {
            await store.RollUpAsync(Community, FirstDay.AddDays(4), "America/New_York", CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await using (var session = Session(connectionString, out var store))
        {
            var feature = new StatsFeature(new StatsRollups(store, options), null!, store, options);
            var actions = await feature.HandleAsync(Tick(now), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
            Assert.Empty(actions);
        }

        var days = await RolledUpDaysAsync(connectionString);
        var expected = Enumerable.Range(4, Days - 4).Select(i => FirstDay.AddDays(i)).ToList();
        Assert.Equal(expected, days);
        var lastDay = FirstDay.AddDays(Days - 1);
        var stored = await StoredAsync(connectionString, Community);
        Assert.Equal(
            data.Expected(lastDay).Select(e => Row(lastDay, e.Metric, e.Dimension, e.Value, e.Base)).Order(),
            stored.Where(r => r.StartsWith(Iso(lastDay), StringComparison.Ordinal)).Order());

        await using (var session = Session(connectionString, out var store))
        {
            var coverage = await store.CoverageAsync(Community, "America/New_York", CancellationToken.None);
            Assert.Equal(lastDay, coverage.LastRolledUp);
            Assert.Empty(StatsCalendar.DaysToRollUp(coverage.LastRolledUp, coverage.FirstActivity, lastDay, options.MaxBackfillDays));
        }
    }

    [Fact]
    public async Task So_far_gives_a_days_figures_without_storing_them_and_top_gaps_are_the_recent_most_asked()
    {
        var (connectionString, data) = await SeedAsync();
        var day = FirstDay.AddDays(10);
        var since = RollupData.Midnight(Zone, day);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.ExecuteAsync(
                """
                insert into faq_gaps (community, key, sample, count, first_at, last_at) values
                  (@c, 'a', '退款要多久', 9, @old, @recent), (@c, 'b', 'old question', 50, @old, @old),
                  (@c, 'c', 'meetup?', 3, @old, @recent), (@other, 'd', 'elsewhere', 99, @old, @recent)
                """,
                new { c = Community.ToString(), other = Other.ToString(), old = since.AddDays(-30), recent = since.AddHours(5) });
        }

        await using var session = Session(connectionString, out var store);
        var soFar = await store.SoFarAsync(Community, day, "America/New_York", CancellationToken.None);
        var faq = new PostgresFaqStore(session);
        var recent = await faq.TopGapsAsync(Community, 5, since, CancellationToken.None);
        var all = await faq.TopGapsAsync(Community, 5, since: null, CancellationToken.None);

        var expected = data.Expected(day).GroupBy(e => e.Metric).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        Assert.Equal(expected[CoreMetrics.Messages], soFar.Single(d => d.Metric == CoreMetrics.Messages).Value);
        Assert.Equal(expected[CoreMetrics.Dau], soFar.Single(d => d.Metric == CoreMetrics.Dau).Value);
        Assert.Empty(await StoredAsync(connectionString, Community));
        Assert.Equal([("退款要多久", 9), ("meetup?", 3)], recent.Select(g => (g.Sample, g.Count)));
        Assert.Equal(["old question", "退款要多久", "meetup?"], all.Select(g => g.Sample));
    }

    private static async Task<(string ConnectionString, RollupData Data)> SeedAsync()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var data = RollupData.Generate(Community.ToString(), Zone, FirstDay, Days, members: 400, messages: 6000, seed: 7);
        await data.InsertAsync(connectionString);
        var other = RollupData.Generate(Other.ToString(), Zone, FirstDay, Days, members: 30, messages: 300, seed: 8, firstPostId: 1000);
        await other.InsertAsync(connectionString);
        return (connectionString, data);
    }

    private static async Task RollUpAllAsync(string connectionString)
    {
        await using var session = Session(connectionString, out var store);
        for (var day = FirstDay; day < FirstDay.AddDays(Days); day = day.AddDays(1))
        {
            await store.RollUpAsync(Community, day, "America/New_York", CancellationToken.None);
        }

        await session.CommitAsync(CancellationToken.None);
    }

    private static DbSession Session(string connectionString, out PostgresStatsStore store)
    {
        var session = new DbSession(NpgsqlDataSource.Create(connectionString));
        store = new PostgresStatsStore(session, new RollupSql(CoreRollupMetrics.All().Concat(FeatureRollupMetrics.All())));
        return session;
    }

    private static EventContext Tick(DateTimeOffset now) => new()
    {
        Event = new TimerFired("tick-1", Community, now, StatsFeature.FeatureName, StatsFeature.TickKey, string.Empty, now),
        Settings = new CommunitySettings(Community, "en", "America/New_York"),
        Now = now,
    };

    private static async Task<List<string>> StoredAsync(string connectionString, CommunityRef community)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<(DateTime Day, string Metric, string Dimension, double Value, double Base)>(
            "select day, metric, dimension, value, base from stats_daily where community = @c", new { c = community.ToString() });
        return [.. rows.Select(r => Row(DateOnly.FromDateTime(r.Day), r.Metric, r.Dimension, r.Value, r.Base)).Order()];
    }

    private static async Task<List<DateOnly>> RolledUpDaysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var days = await connection.QueryAsync<DateTime>("select day from stats_rollups where community = @c order by day", new { c = Community.ToString() });
        return [.. days.Select(DateOnly.FromDateTime)];
    }

    private static string Row(DateOnly day, string metric, string dimension, double value, double @base) =>
        FormattableString.Invariant($"{Iso(day)} {metric} [{dimension}] {value} / {@base}");

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
