using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Faq;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Stats;
using Bot.Domain.Tests.Faq;

namespace Bot.Domain.Tests.Stats;

public sealed class StatsFeatureTests
{
    private static readonly CommunityRef Community = new(Platform.Telegram, "-100");
    private static readonly TimeZoneInfo Taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
    private static readonly DateTimeOffset MondayNine = new(2025, 5, 12, 1, 0, 0, TimeSpan.Zero); // 09:00 Taipei
    private static readonly MetricCatalog Catalog = new(CoreMetrics.Definitions);
    private readonly FakeStatsStore _store = new();
    private readonly FakeFaqStore _faq = new();
    private readonly FakeChartRenderer _charts = new();
    private readonly StatsOptions _options = new();

    [Fact]
    public async Task A_tick_after_the_report_time_rolls_up_and_posts_the_report_as_one_picture_to_staff_once()
    {
        _store.FirstActivity = new DateOnly(2025, 5, 1);
        _store.Rows.Add(new DimensionValue(new DateOnly(2025, 5, 11), CoreMetrics.MessagesByHour, "21", 9, 0));
        _store.Rows.Add(new DimensionValue(new DateOnly(2025, 5, 8), FeatureMetrics.Satisfaction, string.Empty, 9, 2));
        _store.Targets.Add(new KpiTarget(CoreMetrics.Members, KpiPeriod.Month, 100));
        var asker = new UserRef(Platform.Telegram, "7");
        await _faq.RecordGapAsync(Community, "退款 多久", "退款要多久", asker, MondayNine.AddDays(-2), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await _faq.RecordGapAsync(Community, "舊 問題", "上個月的問題", asker, MondayNine.AddDays(-20), CancellationToken.None);
        }

        var actions = await Feature().HandleAsync(Tick(MondayNine.AddMinutes(5)), CancellationToken.None);

        Assert.Equal(new DateOnly(2025, 5, 11), _store.RolledUp.Max());
        Assert.Equal(11, _store.RolledUp.Count);
        var post = Assert.IsType<PostToStaff>(Assert.Single(actions));
        Assert.Equal("image/png", post.File!.ContentType);
        Assert.Equal("weekly-2025-05-11.png", post.File.FileName);
        Assert.StartsWith("Weekly community report 2025-05-05–2025-05-11", post.Text, StringComparison.Ordinal);
        Assert.Contains("Members, this month", post.Text, StringComparison.Ordinal);
        var page = Assert.IsType<PanelsSpec>(Assert.Single(_charts.Drawn));
        Assert.Equal(
            [typeof(LineChartSpec), typeof(HeatMapSpec), typeof(HeatMapSpec), typeof(BarChartSpec), typeof(BarChartSpec), typeof(TextPanelSpec)],
            page.Panels.Select(p => p.GetType()));
        var heat = page.Panels.OfType<HeatMapSpec>().Single(h => h.CellFormat is null);
        Assert.Equal(9, heat.Values[6][21]); // 2025-05-11 is a Sunday: the last row
        Assert.Equal(4.5, page.Panels.OfType<BarChartSpec>().Single(b => b.AxisMax == 5).Series[0].Values[^1]);
        var gaps = Assert.Single(page.Panels.OfType<TextPanelSpec>()).Lines;
        Assert.Contains("退款要多久", Assert.Single(gaps), StringComparison.Ordinal); // the week's gaps only, not last month's
        Assert.Equal(MondayNine, _store.LastReport);

        Assert.Empty(await Feature().HandleAsync(Tick(MondayNine.AddHours(1)), CancellationToken.None));
    }

    [Fact]
    public async Task When_charts_cannot_be_drawn_stats_and_the_report_still_answer_with_their_figures_and_say_the_chart_is_missing()
    {
        _charts.Unavailable = true;
        _store.FirstActivity = new DateOnly(2025, 5, 1);
        var commands = new StatsCommands(new StatsRollups(_store, _options), _store, _charts, Catalog, _options);

        var stats = Assert.IsType<Reply>(Assert.Single(await commands.HandleAsync(Call(commands, "stats"), CancellationToken.None)));
        var posts = (await Feature().HandleAsync(Tick(MondayNine.AddMinutes(5)), CancellationToken.None)).Cast<PostToStaff>().ToList();

        Assert.Null(stats.File);
        Assert.StartsWith("Community figures", stats.Text, StringComparison.Ordinal);
        Assert.EndsWith("The chart could not be drawn this time (the bot's log says why); the figures above are complete.", stats.Text, StringComparison.Ordinal);
        var report = Assert.Single(posts);
        Assert.Null(report.File);
        Assert.StartsWith("Weekly community report", report.Text, StringComparison.Ordinal);
        Assert.Contains("The chart could not be drawn", report.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "staff")] // before this week's report time
    [InlineData(25 * 60, "staff")] // more than a day late
    [InlineData(5, null)] // no staff channel to post to
    public async Task No_report_is_posted_early_late_or_without_a_staff_channel(int minutesAfter, string? staffChannel)
    {
        _store.LastReport = MondayNine.AddDays(-7);

        var actions = await Feature().HandleAsync(Tick(MondayNine.AddMinutes(minutesAfter), staffChannel), CancellationToken.None);

        Assert.Empty(actions);
        Assert.Equal(MondayNine.AddDays(-7), _store.LastReport);
    }

    [Fact]
    public async Task Other_events_and_other_features_timers_are_ignored()
    {
        var context = Tick(MondayNine);
        var other = new EventContext
        {
            Event = new TimerFired("t", Community, MondayNine, "faq", StatsFeature.TickKey, string.Empty, MondayNine),
            Settings = context.Settings,
            Now = MondayNine,
        };

        Assert.Empty(await Feature().HandleAsync(other, CancellationToken.None));
        Assert.Empty(_store.RolledUp);
    }

    [Fact]
    public async Task A_bad_export_date_or_kpi_target_is_answered_and_changes_nothing()
    {
        var commands = new StatsCommands(new StatsRollups(_store, _options), _store, _charts, Catalog, _options);

        var export = await commands.HandleAsync(Call(commands, "export", "metric", "messages", "from", "2025-13-01", "to", "2025-05-01"), CancellationToken.None);
        var kpi = await commands.HandleAsync(Call(commands, "kpi", "action", "set", "metric", "members", "target", "12%"), CancellationToken.None);

        Assert.Contains("\"2025-13-01\" is not a date", Assert.IsType<Reply>(Assert.Single(export)).Text, StringComparison.Ordinal);
        Assert.Contains("\"12%\" is not a valid target for Members", Assert.IsType<Reply>(Assert.Single(kpi)).Text, StringComparison.Ordinal);
        Assert.Empty(_store.Targets);
        Assert.Equal(0, _store.Reads);
    }

    [Fact]
    public async Task Other_features_sections_join_the_reports_text_covering_the_reported_week()
    {
        _store.FirstActivity = new DateOnly(2025, 5, 1);
        var section = new RecordingSection();
        var feature = new StatsFeature(
            new StatsRollups(_store, _options), new WeeklyReport(_store, _faq, _charts, Catalog, _options, [section, new RecordingSection(null)]), _store, _options);

        var actions = await feature.HandleAsync(Tick(MondayNine.AddMinutes(5)), CancellationToken.None);

        var post = Assert.IsType<PostToStaff>(Assert.Single(actions));
        Assert.EndsWith("\n\n🔥 hot issues", post.Text, StringComparison.Ordinal);
        Assert.Equal("image/png", post.File!.ContentType);
        // Monday 2025-05-05 to Sunday 2025-05-11 in Taipei (UTC+8).
        Assert.Equal((new DateTimeOffset(2025, 5, 4, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 5, 11, 16, 0, 0, TimeSpan.Zero)), section.Week);
    }

    private sealed class RecordingSection(string? text = "🔥 hot issues") : IWeeklyReportSection
    {
        public (DateTimeOffset From, DateTimeOffset To) Week { get; private set; }

        public Task<string?> BuildAsync(EventContext context, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
        {
            Week = (from, to);
            return Task.FromResult(text);
        }
    }

    private StatsFeature Feature() =>
        new(new StatsRollups(_store, _options), new WeeklyReport(_store, _faq, _charts, Catalog, _options), _store, _options);

    private static EventContext Tick(DateTimeOffset now, string? staffChannel = "staff") => new()
    {
        Event = new TimerFired($"tick:{now.Ticks}", Community, now, StatsFeature.FeatureName, StatsFeature.TickKey, string.Empty, now),
        Settings = new CommunitySettings(Community, "en", "Asia/Taipei", StaffChannelId: staffChannel),
        Now = now,
        ActorRoles = new HashSet<StaffRole>(),
    };

    private static CommandCall Call(StatsCommands commands, string name, params string[] options)
    {
        var spec = commands.Commands.Single(c => c.Name == name);
        var parsed = new ParsedOptions();
        for (var i = 0; i < options.Length; i += 2)
        {
            parsed.Set(options[i], options[i + 1]);
        }

        var caller = new Member(new UserRef(Platform.Telegram, "1"), "Alice");
        var invoked = new CommandInvoked("e1", Community, MondayNine, "general", caller, name, string.Empty);
        var context = new EventContext
        {
            Event = invoked,
            Settings = new CommunitySettings(Community, "en", "Asia/Taipei"),
            Now = MondayNine,
            Actor = caller,
            ActorRoles = new HashSet<StaffRole> { StaffRole.Manager },
        };
        return new CommandCall(invoked, name, spec, parsed, context);
    }
}
