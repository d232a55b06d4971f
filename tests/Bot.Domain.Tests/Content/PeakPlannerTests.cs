using Bot.Domain.Content;

namespace Bot.Domain.Tests.Content;

public sealed class PeakPlannerTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan Lead = TimeSpan.FromMinutes(1);

    private static ActivityHistogram Histogram(params (DayOfWeek Day, int Hour, long Count)[] cells)
    {
        var histogram = new ActivityHistogram();
        foreach (var (day, hour, count) in cells)
        {
            histogram.Add(day, hour, count);
        }

        return histogram;
    }

    [Fact]
    public void Picks_the_busiest_hour_of_the_week()
    {
        // Wednesday 2025-06-04 10:00 UTC; Taipei has no DST, UTC+8.
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var histogram = Histogram((DayOfWeek.Thursday, 20, 50), (DayOfWeek.Friday, 21, 80), (DayOfWeek.Wednesday, 19, 10));
        var now = new DateTimeOffset(2025, 6, 4, 10, 0, 0, TimeSpan.Zero);

        var slot = PeakPlanner.NextSlot(histogram, taipei, now, [], Week, Lead);

        Assert.Equal(new DateTimeOffset(2025, 6, 6, 13, 0, 0, TimeSpan.Zero), slot); // Friday 21:00 Taipei
    }

    [Fact]
    public void A_taken_hour_goes_to_the_next_busiest()
    {
        var taipei = TimeZoneInfo.FindSystemTimeZoneById("Asia/Taipei");
        var histogram = Histogram((DayOfWeek.Thursday, 20, 50), (DayOfWeek.Friday, 21, 80));
        var now = new DateTimeOffset(2025, 6, 4, 10, 0, 0, TimeSpan.Zero);
        DateTimeOffset[] taken = [new(2025, 6, 6, 13, 30, 0, TimeSpan.Zero)];

        var slot = PeakPlanner.NextSlot(histogram, taipei, now, taken, Week, Lead);

        Assert.Equal(new DateTimeOffset(2025, 6, 5, 12, 0, 0, TimeSpan.Zero), slot); // Thursday 20:00 Taipei
    }

    [Fact]
    public void Ties_go_to_the_earliest_hour_and_an_empty_histogram_still_gives_the_next_hour()
    {
        var now = new DateTimeOffset(2025, 6, 4, 10, 20, 0, TimeSpan.Zero);

        var slot = PeakPlanner.NextSlot(new ActivityHistogram(), London, now, [], Week, Lead);

        Assert.Equal(new DateTimeOffset(2025, 6, 4, 11, 0, 0, TimeSpan.Zero), slot); // 12:00 BST
    }

    [Fact]
    public void After_clocks_go_forward_the_local_hour_maps_to_the_new_offset()
    {
        // Saturday 2025-03-29 12:00 UTC (GMT). London moves to BST at 01:00 UTC on Sunday 30 March.
        var histogram = Histogram((DayOfWeek.Sunday, 9, 40), (DayOfWeek.Saturday, 15, 30));
        var now = new DateTimeOffset(2025, 3, 29, 12, 0, 0, TimeSpan.Zero);

        var slot = PeakPlanner.NextSlot(histogram, London, now, [], Week, Lead);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 8, 0, 0, TimeSpan.Zero), slot); // 09:00 BST, not 09:00 UTC
    }

    [Fact]
    public void An_hour_the_clocks_skip_is_never_picked()
    {
        // 01:00-02:00 on 30 March does not exist in London; a horizon of one day leaves only the other hours.
        var histogram = Histogram((DayOfWeek.Sunday, 1, 100), (DayOfWeek.Sunday, 3, 5));
        var now = new DateTimeOffset(2025, 3, 29, 20, 0, 0, TimeSpan.Zero);

        var slot = PeakPlanner.NextSlot(histogram, London, now, [], TimeSpan.FromDays(1), Lead);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 2, 0, 0, TimeSpan.Zero), slot); // 03:00 BST
        Assert.DoesNotContain(
            PeakPlanner.HourStarts(London, now, now + TimeSpan.FromDays(1)),
            t => TimeZoneInfo.ConvertTime(t, London).Hour == 1 && t.Day == 30);
    }

    [Fact]
    public void A_repeated_hour_in_autumn_is_two_slots_and_the_first_is_taken_first()
    {
        // New York falls back at 06:00 UTC on Sunday 2 November 2025: 01:00-02:00 local happens twice.
        var histogram = Histogram((DayOfWeek.Sunday, 1, 60));
        var now = new DateTimeOffset(2025, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var first = new DateTimeOffset(2025, 11, 2, 5, 0, 0, TimeSpan.Zero); // 01:00 EDT
        var second = new DateTimeOffset(2025, 11, 2, 6, 0, 0, TimeSpan.Zero); // 01:00 EST

        Assert.Equal(first, PeakPlanner.NextSlot(histogram, NewYork, now, [], Week, Lead));
        Assert.Equal(second, PeakPlanner.NextSlot(histogram, NewYork, now, [first], Week, Lead));
    }

    [Fact]
    public void The_slot_is_never_sooner_than_the_lead()
    {
        var histogram = Histogram((DayOfWeek.Wednesday, 11, 9));
        var now = new DateTimeOffset(2025, 6, 4, 9, 58, 0, TimeSpan.Zero); // 10:58 BST

        Assert.Equal(
            new DateTimeOffset(2025, 6, 4, 10, 0, 0, TimeSpan.Zero),
            PeakPlanner.NextSlot(histogram, London, now, [], TimeSpan.FromHours(3), Lead));
        Assert.Equal(
            new DateTimeOffset(2025, 6, 4, 11, 0, 0, TimeSpan.Zero),
            PeakPlanner.NextSlot(histogram, London, now, [], TimeSpan.FromHours(3), TimeSpan.FromMinutes(5)));
    }
}
