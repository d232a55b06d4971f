using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Postgres.Tiering;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// <c>spending [rows] [members]</c>: a shop export of 10,000 purchases by 2,000 members (or the counts given) imported
/// with <c>/tier import</c> through the router into a throwaway Postgres, in one transaction; then the same file again
/// (every row already imported). Prints rows per second for both.
/// </summary>
public sealed class SpendingBench : IBenchVerb
{
    public string Name => "spending";

    public string Description => "/tier import of a 10,000-row shop export, then the same file again";

    public async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], out var r) && r > 0 ? r : 10_000;
        var people = args.Length > 1 && int.TryParse(args[1], out var m) && m > 0 ? m : 2_000;
        var community = new CommunityRef(Platform.Discord, "bench");
        var now = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        await using var source = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await using (var seed = new DbSession(source))
        {
            await seed.ExecuteAsync(
                """
                insert into members (community, user_id, display_name, username, first_seen, last_seen, joined_at)
                select @c, i::text, 'Member ' || i, 'member' || i, @now, @now, @now from generate_series(1, @people) as i
                """,
                new { c = community.ToString(), people, now }, CancellationToken.None);
            await seed.CommitAsync(CancellationToken.None);
        }

        var csv = new StringBuilder("Order ID,Customer,Total,Currency,Order date\n");
        for (var i = 1; i <= rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"B-{i},{1 + (i % people)},{(i % 97) * 10 + 5},TWD,2025-02-{1 + (i % 28):00}\n");
        }

        var file = Encoding.UTF8.GetBytes(csv.ToString());
        var options = new TieringOptions { MaxImportRows = Math.Max(rows, 10_000) };
        for (var run = 1; run <= 2; run++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var db = new DbSession(source);
            var actions = await ImportAsync(db, community, options, file, now, CancellationToken.None);
            await db.CommitAsync(CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var report = actions.OfType<Reply>().First().Text.Split('\n')[0];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {rows:N0} rows ({file.Length / 1024:N0} KB) in {elapsed.TotalMilliseconds:N0} ms = {rows / elapsed.TotalSeconds:N0} rows/s; " +
                $"{actions.OfType<GrantRole>().Count():N0} promotions; \"{report}\""));
        }
    }

    private static async Task<IReadOnlyList<BotAction>> ImportAsync(
        DbSession db, CommunityRef community, TieringOptions options, byte[] file, DateTimeOffset now, CancellationToken ct)
    {
        var members = new PostgresMemberStore(db);
        var tiers = new PostgresTieringStore(db);
        var spending = new PostgresSpendingStore(db);
        var points = new TierPoints(tiers, options);
        var commands = new TieringCommands(tiers, points, members, options, spending, new SpendingLedger(tiers, spending, members, options));
        var router = new CommandRouter(new CommandCatalog([commands]), members, new NoAudit(), PermissionTable.Default, new ChatTrust([], new PostgresCommunityChatStore(db)));
        var manager = new Member(new UserRef(Platform.Discord, "manager"), "Manager");
        var command = new CommandInvoked(
            "bench", community, now, "staff", manager, "tier", "import", Attachments: [new Attachment("export.csv", "text/csv", file, file.Length)]);
        var context = new EventContext
        {
            Event = command, Settings = new CommunitySettings(community, "en", "UTC"), Now = now, ActorRoles = new HashSet<StaffRole> { StaffRole.Manager },
        };
        return await router.HandleAsync(context, ct);
    }

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(AuditEntry entry, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) => Task.FromResult<IReadOnlyList<AuditEntry>>([]);
    }
}
