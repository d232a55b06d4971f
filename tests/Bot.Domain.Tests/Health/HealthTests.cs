using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Health;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Stats;
using Bot.Domain.Tests.Fakes;
using Bot.Domain.Tests.Tiering;

namespace Bot.Domain.Tests.Health;

public sealed class HealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 5, 0, TimeSpan.Zero);
    private readonly FakeHealthStore _store = new();

    [Theory]
    [InlineData(null, 1, true, true)]
    [InlineData(null, 0, true, false)]
    [InlineData(null, 3, false, false)]
    [InlineData("2026-03-01T09:05:00Z", 2, true, true)]
    [InlineData("2026-03-01T10:00:30Z", 2, true, false)]
    [InlineData("2026-03-01T09:59:59Z", 2, true, true)]
    public void The_hourly_post_is_made_for_new_dead_letters_at_most_once_a_clock_hour_and_only_with_a_staff_channel(
        string? lastPost, long fresh, bool staffChannel, bool expected)
    {
        var last = lastPost is null ? null : new HealthDigestMark(DateTimeOffset.Parse(lastPost, CultureInfo.InvariantCulture), Now.AddHours(-1));
        Assert.Equal(expected, HealthDigest.ShouldPost(last, fresh, staffChannel, Now));
    }

    [Fact]
    public async Task Health_shows_lag_dead_letters_and_poison_updates_privately_to_managers_and_owners_only()
    {
        _store.Letters.Add(new DeadLetterEntry(17, "Reply", "Telegram refused Reply: Bad Request: chat not found", 1, Now.AddMinutes(-3)));
        _store.Pending = 4;
        _store.Lag = TimeSpan.FromSeconds(75);
        _store.Poison = 2;
        var commands = new CommandHarness(new HealthCommands(_store), new InMemoryCore());

        var manager = Assert.IsType<Reply>(Assert.Single(await commands.RunAsync("/health", "alice", Now, [StaffRole.Manager])));
        var owner = await commands.TextAsync("/health show", "olivia", Now, [StaffRole.Owner]);
        var moderator = await commands.TextAsync("/health", "mod", Now, [StaffRole.Moderator]);
        var member = await commands.TextAsync("/health retry", "bob", Now);

        Assert.True(manager.Ephemeral);
        Assert.Equal("alice", manager.To?.Id);
        Assert.Equal(manager.Text, owner);
        Assert.Contains("Outbox: 4 waiting, the oldest for 75 s", owner, StringComparison.Ordinal);
        Assert.Contains("Dead letters (actions that failed for good): 1", owner, StringComparison.Ordinal);
        Assert.Contains("#17 Reply: Telegram refused Reply: Bad Request: chat not found (1 tries, 2026-03-01 10:02)", owner, StringComparison.Ordinal);
        Assert.Contains("Updates set aside as unreadable or failing: 2", owner, StringComparison.Ordinal);
        Assert.Contains("You may not use /health show", moderator, StringComparison.Ordinal);
        Assert.Contains("You may not use /health retry", member, StringComparison.Ordinal);
        Assert.Empty(_store.Retried);
    }

    [Fact]
    public async Task Health_retry_puts_one_or_all_dead_letters_back_and_says_so()
    {
        _store.Letters.Add(new DeadLetterEntry(17, "Reply", "refused", 1, Now));
        _store.Letters.Add(new DeadLetterEntry(18, "SendMessage", "refused", 8, Now));
        var commands = new CommandHarness(new HealthCommands(_store), new InMemoryCore());

        var missing = await commands.TextAsync("/health retry 99", "alice", Now, [StaffRole.Manager]);
        var one = await commands.TextAsync("/health retry 17", "alice", Now, [StaffRole.Manager]);
        var all = await commands.TextAsync("/health retry", "alice", Now, [StaffRole.Owner]);
        var none = await commands.TextAsync("/health retry", "alice", Now, [StaffRole.Owner]);
        var bad = await commands.TextAsync("/health retry seventeen", "alice", Now, [StaffRole.Owner]);

        Assert.Equal("There is no dead letter #99 in this community. /health lists them.", missing);
        Assert.Equal("Dead letters put back in the outbox: 1. They are sent again shortly.", one);
        Assert.StartsWith("Dead letters put back in the outbox: 1.", all, StringComparison.Ordinal);
        Assert.Equal("There are no dead letters to retry.", none);
        Assert.Contains("Usage: /health retry [id]", bad, StringComparison.Ordinal);
        Assert.Equal([99L, 17L, null, null], _store.Retried);
    }

    [Fact]
    public async Task The_hourly_tick_posts_new_dead_letters_to_staff_once_and_nothing_when_there_are_none()
    {
        var feature = new HealthFeature(_store);
        Task<IReadOnlyList<BotAction>> TickAsync(DateTimeOffset at) => feature.HandleAsync(
            TestContext.For(new TimerFired($"tick-{at:HH}", TestContext.Community, at, StatsFeature.FeatureName, StatsFeature.TickKey, string.Empty, at)), default);

        var quiet = await TickAsync(Now);
        _store.Letters.Add(new DeadLetterEntry(17, "Reply", "refused", 1, Now.AddMinutes(10)));
        _store.Letters.Add(new DeadLetterEntry(18, "BanMember", "Telegram refused BanMember: Bad Request: not enough rights", 1, Now.AddMinutes(20)));
        var first = await TickAsync(Now.AddHours(1));
        var sameHour = await TickAsync(Now.AddHours(1).AddMinutes(30));
        var nothingNew = await TickAsync(Now.AddHours(2));
        _store.Letters.Add(new DeadLetterEntry(19, "Reply", "refused", 1, Now.AddHours(2).AddMinutes(1)));
        var second = await TickAsync(Now.AddHours(3));

        Assert.Empty(quiet);
        var post = Assert.IsType<PostToStaff>(Assert.Single(first));
        Assert.StartsWith("Actions that failed for good since the last report: 2", post.Text, StringComparison.Ordinal);
        Assert.Contains("#18 BanMember: Telegram refused BanMember: Bad Request: not enough rights", post.Text, StringComparison.Ordinal);
        Assert.Empty(sameHour);
        Assert.Empty(nothingNew);
        var next = Assert.IsType<PostToStaff>(Assert.Single(second)).Text;
        Assert.StartsWith("Actions that failed for good since the last report: 1", next, StringComparison.Ordinal);
        Assert.Contains("#19 Reply", next, StringComparison.Ordinal);
        Assert.DoesNotContain("#17", next, StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_reads_in_traditional_chinese()
    {
        var text = HealthDigest.Report(
            CultureInfo.GetCultureInfo("zh-TW"), TimeZoneInfo.Utc, new HealthReport(0, TimeSpan.FromHours(3), 1, [new DeadLetterEntry(5, "Reply", "refused", 2, Now)], 0));

        Assert.Contains("最久已等候 3 小時", text, StringComparison.Ordinal);
        Assert.Contains("失敗動作（已放棄執行）：1 個", text, StringComparison.Ordinal);
        Assert.Contains("#5 Reply：refused（嘗試 2 次，2026-03-01 10:05）", text, StringComparison.Ordinal);
    }

    private sealed class FakeHealthStore : IHealthStore
    {
        private HealthDigestMark? _mark;

        public List<DeadLetterEntry> Letters { get; } = [];

        public List<long?> Retried { get; } = [];

        public long Pending { get; set; }

        public TimeSpan Lag { get; set; }

        public long Poison { get; set; }

        public Task<HealthReport> ReportAsync(CommunityRef community, int latest, CancellationToken ct) =>
            Task.FromResult(new HealthReport(Pending, Lag, Letters.Count, [.. Letters.OrderByDescending(l => l.FailedAt).Take(latest)], Poison));

        public Task<int> RetryAsync(CommunityRef community, long? id, CancellationToken ct)
        {
            Retried.Add(id);
            return Task.FromResult(Letters.RemoveAll(l => id is null || l.Id == id));
        }

        public Task<HealthDigestMark?> LastDigestAsync(CommunityRef community, CancellationToken ct) => Task.FromResult(_mark);

        public Task<NewDeadLetters> DeadLettersSinceAsync(CommunityRef community, DateTimeOffset? after, int latest, CancellationToken ct)
        {
            var fresh = Letters.Where(l => after is null || l.FailedAt > after).OrderByDescending(l => l.FailedAt).ToList();
            return Task.FromResult(new NewDeadLetters(fresh.Count, [.. fresh.Take(latest)], fresh.Count > 0 ? fresh[0].FailedAt : null));
        }

        public Task SaveDigestAsync(CommunityRef community, HealthDigestMark mark, CancellationToken ct)
        {
            _mark = mark;
            return Task.CompletedTask;
        }
    }
}
