using Bot.Domain.Content;

namespace Bot.Domain.Tests.Content;

public sealed class RecurrenceAndWhenTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Theory]
    [InlineData("daily 09:00", "0 0 9 * * ?", "daily 09:00")]
    [InlineData("weekly thu,mon 18:30", "0 30 18 ? * MON,THU", "weekly mon,thu 18:30")]
    [InlineData("Weekly Monday 7:05", "0 5 7 ? * MON", "weekly mon 07:05")]
    public void Rules_become_quartz_cron_and_a_canonical_text(string text, string cron, string canonical)
    {
        Assert.True(Recurrence.TryParse(text, out var rule));
        Assert.Equal(cron, rule.ToCron());
        Assert.Equal(canonical, rule.ToString());
    }

    [Theory]
    [InlineData("hourly 09:00")]
    [InlineData("daily 24:00")]
    [InlineData("weekly xyz 09:00")]
    [InlineData("daily 9")]
    [InlineData("weekly 09:00")]
    public void Bad_rules_are_refused(string text) => Assert.False(Recurrence.TryParse(text, out _));

    [Fact]
    public void Occurrences_keep_local_time_across_a_dst_change()
    {
        Recurrence.TryParse("daily 09:00", out var rule);
        var from = new DateTimeOffset(2025, 3, 29, 12, 0, 0, TimeSpan.Zero);

        var next = rule.Between(from, from + TimeSpan.FromDays(2), London).ToList();

        Assert.Equal([new DateTimeOffset(2025, 3, 30, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 31, 8, 0, 0, TimeSpan.Zero)], next);
        Assert.Equal(new DateTimeOffset(2025, 3, 29, 9, 0, 0, TimeSpan.Zero), rule.Previous(from, London));
    }

    [Fact]
    public void At_a_clock_time_is_the_next_such_local_time()
    {
        var now = new DateTimeOffset(2025, 3, 29, 20, 0, 0, TimeSpan.Zero); // Saturday 20:00 GMT

        var when = PublishWhen.Parse("at 09:00", London, now);

        Assert.Equal(new PublishWhen.At(new DateTimeOffset(2025, 3, 30, 8, 0, 0, TimeSpan.Zero)), when); // Sunday 09:00 BST
    }

    [Fact]
    public void A_time_the_clocks_skip_is_refused_with_the_reason()
    {
        var now = new DateTimeOffset(2025, 3, 20, 0, 0, 0, TimeSpan.Zero);

        var when = PublishWhen.Parse("at 2025-03-30 01:30", London, now);

        var invalid = Assert.IsType<PublishWhen.Invalid>(when);
        Assert.Equal("SkippedTime", invalid.Key);
    }

    [Theory]
    [InlineData("", typeof(PublishWhen.Peak))]
    [InlineData("peak", typeof(PublishWhen.Peak))]
    [InlineData("now", typeof(PublishWhen.Now))]
    [InlineData("in 2h", typeof(PublishWhen.At))]
    [InlineData("at 2024-01-01 10:00", typeof(PublishWhen.Invalid))]
    [InlineData("tomorrow", typeof(PublishWhen.Invalid))]
    public void Forms_of_when(string text, Type expected)
    {
        var now = new DateTimeOffset(2025, 3, 20, 0, 0, 0, TimeSpan.Zero);
        Assert.IsType(expected, PublishWhen.Parse(text, London, now));
    }
}
