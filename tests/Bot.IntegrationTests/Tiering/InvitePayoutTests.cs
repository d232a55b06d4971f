using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Postgres.Invites;
using Bot.Adapters.Postgres.Tiering;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Invites;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.IntegrationTests.Tiering;

/// <summary>The invitation reward against real Postgres: paid once, whatever crashes and refires happen around it.</summary>
public sealed class InvitePayoutTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "payout");
    private static readonly DateTimeOffset Joined = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Alice = new(Platform.Console, "alice");
    private static readonly InvitesOptions Options = new();
    private static readonly TieringOptions Tiering = new();

    [Fact]
    public async Task The_reward_is_paid_exactly_once_across_a_crash_and_repeated_timers()
    {
        await using var source = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        var joinActions = await InSessionAsync(source, commit: true, async (feature, db) =>
        {
            await new PostgresInviteStore(db).SaveLinkAsync(new InviteLink(Community, "alice-1", "https://console.invalid/join/alice-1", Alice, Joined), CancellationToken.None);
            var carol = new Member(new UserRef(Platform.Console, "carol"), "Carol", "carol", AccountCreatedAt: Joined.AddYears(-2));
            await new PostgresMemberStore(db, new HotCache<(CommunityRef, UserRef), (string, string?)>(TimeProvider.System)).JoinedAsync(Community, carol, Joined, CancellationToken.None);
            var actions = await HandleAsync(feature, new MemberJoined("join", Community, Joined, carol, "https://console.invalid/join/alice-1"), Joined);
            for (var i = 0; i < 3; i++)
            {
                await HandleAsync(feature, new MessagePosted($"m{i}", Community, Joined.AddHours(i), "general", $"m{i}", carol, $"hello there message {i}"), Joined);
            }

            return actions;
        });
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(joinActions));
        var due = Joined + Options.QualifyAfter;

        // The bot dies after deciding but before committing: nothing of that attempt remains.
        var lost = await InSessionAsync(source, commit: false, (feature, _) => FireAsync(feature, timer.Key, "fire-1", due));
        Assert.Single(lost.OfType<PostToStaff>());

        // After the restart Quartz recovers the job and fires it again; later a stray refire comes with another id.
        var paid = await InSessionAsync(source, commit: true, (feature, _) => FireAsync(feature, timer.Key, "fire-1", due));
        var again = await InSessionAsync(source, commit: true, (feature, _) => FireAsync(feature, timer.Key, "fire-2", due.AddMinutes(1)));

        Assert.Contains("Carol", Assert.Single(paid.OfType<PostToStaff>()).Text, StringComparison.Ordinal);
        Assert.Empty(again);
        await using var check = new DbSession(source);
        Assert.Equal(1L, await check.ExecuteScalarAsync<long>("select count(*) from tier_ledger where kind = 'Invite'", null, CancellationToken.None));
        var alice = await new PostgresTieringStore(check).GetAsync(Community, Alice, forUpdate: false, CancellationToken.None);
        Assert.Equal(Options.RewardPoints, alice!.Contribution, 6);
        var store = new PostgresInviteStore(check);
        Assert.Equal(new InviteSummary(0, 0, 1, 0, 0), await store.SummaryAsync(Community, Alice, CancellationToken.None));
        Assert.Equal(new InviterCount(Alice, "alice", 1, 0), Assert.Single(await store.TopAsync(Community, 10, CancellationToken.None)));
        var report = Assert.Single(await store.ReportAsync(Community, Joined.AddDays(8), CancellationToken.None));
        Assert.Equal((1, 1, 1, 0, 0), (report.Joins, report.Present7, report.Eligible7, report.Present30, report.Eligible30));
    }

    [Fact]
    public async Task A_leaver_is_not_counted_and_shows_in_the_retention_report()
    {
        await using var source = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        var actions = await InSessionAsync(source, commit: true, async (feature, db) =>
        {
            await new PostgresInviteStore(db).SaveLinkAsync(new InviteLink(Community, "alice-1", "https://console.invalid/join/alice-1", Alice, Joined), CancellationToken.None);
            var dave = new Member(new UserRef(Platform.Console, "dave"), "Dave", "dave", AccountCreatedAt: Joined.AddYears(-2));
            await new PostgresMemberStore(db, new HotCache<(CommunityRef, UserRef), (string, string?)>(TimeProvider.System)).JoinedAsync(Community, dave, Joined, CancellationToken.None);
            var joined = await HandleAsync(feature, new MemberJoined("join", Community, Joined, dave, "alice-1"), Joined);
            await HandleAsync(feature, new MemberLeft("left", Community, Joined.AddDays(2), dave.User), Joined.AddDays(2));
            return joined;
        });
        var timer = Assert.IsType<ScheduleTimer>(Assert.Single(actions));

        Assert.Empty(await InSessionAsync(source, commit: true, (feature, _) => FireAsync(feature, timer.Key, "fire", Joined.AddDays(7))));
        await using var check = new DbSession(source);
        var store = new PostgresInviteStore(check);
        Assert.Equal(new InviteSummary(0, 0, 0, 1, 0), await store.SummaryAsync(Community, Alice, CancellationToken.None));
        var report = Assert.Single(await store.ReportAsync(Community, Joined.AddDays(8), CancellationToken.None));
        Assert.Equal((1, 0, 1), (report.Joins, report.Present7, report.Eligible7));
    }

    private static async Task<IReadOnlyList<BotAction>> InSessionAsync(
        NpgsqlDataSource source, bool commit, Func<InvitesFeature, DbSession, Task<IReadOnlyList<BotAction>>> work)
    {
        await using var db = new DbSession(source);
        var feature = new InvitesFeature(
            new PostgresInviteStore(db), new PostgresMemberStore(db, new HotCache<(CommunityRef, UserRef), (string, string?)>(TimeProvider.System)), new TierPoints(new PostgresTieringStore(db), Tiering), Options, Tiering);
        var actions = await work(feature, db);
        if (commit)
        {
            await db.CommitAsync(CancellationToken.None);
        }

        return actions;
    }

    private static Task<IReadOnlyList<BotAction>> FireAsync(InvitesFeature feature, string key, string eventId, DateTimeOffset at) =>
        HandleAsync(feature, new TimerFired(eventId, Community, at, InvitesFeature.TimerFeature, key, string.Empty, at), at);

    private static Task<IReadOnlyList<BotAction>> HandleAsync(InvitesFeature feature, ChatEvent chatEvent, DateTimeOffset now) =>
        feature.HandleAsync(
            new EventContext { Event = chatEvent, Settings = new CommunitySettings(Community, "en", "UTC"), Now = now },
            CancellationToken.None);
}
