using Bot.Domain.Actions;
using Bot.Domain.Engagement;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;

namespace Bot.Domain.Tests.Engagement;

public sealed class MeetupTests
{
    private readonly EngagementHarness _h = new();

    private DateTimeOffset Now => _h.Clock.GetUtcNow();

    [Fact]
    public async Task New_event_posts_rsvp_buttons_and_schedules_reminders_that_are_still_ahead_and_the_rating_poll()
    {
        var actions = await _h.CommandAsync("sam", "/event new \"Spring meetup\" 2h 20 Taipei 101, 3F", StaffRole.Specialist);

        var post = Assert.IsType<Reply>(actions[0]);
        Assert.Contains("Spring meetup", post.Text, StringComparison.Ordinal);
        Assert.Contains("Where: Taipei 101, 3F", post.Text, StringComparison.Ordinal);
        Assert.Contains("Places: 20", post.Text, StringComparison.Ordinal);
        Assert.Equal(["event:going:1", "event:notgoing:1"], post.Buttons!.Select(b => b.Data));
        var timers = actions.OfType<ScheduleTimer>().ToList();
        // The one-day reminder would be in the past, so only the one-hour reminder and the poll are set.
        Assert.Equal(["meetup:1:remind:60", "meetup:1:poll"], timers.Select(t => t.Key));
        Assert.Equal([Now.AddHours(1), Now.AddHours(4)], timers.Select(t => t.At));
    }

    [Theory]
    [InlineData("/event new Talk tomorrow", "is not a time")]
    [InlineData("/event new Talk 2025-05-01T10:00", "has already passed")]
    [InlineData("/event new Talk 2025-02-30T10:00", "is not a time")]
    public async Task A_bad_time_is_answered_and_nothing_is_stored(string line, string expected)
    {
        var reply = (await _h.CommandAsync("sam", line, StaffRole.Specialist)).SingleReply();

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.MeetupStore.Meetups);
    }

    [Fact]
    public async Task A_local_time_is_read_in_the_community_time_zone()
    {
        _h.TimeZone = "Asia/Taipei";

        await _h.CommandAsync("sam", "/event new Talk 2025-06-02T19:00", StaffRole.Specialist);

        Assert.Equal(new DateTimeOffset(2025, 6, 2, 11, 0, 0, TimeSpan.Zero), _h.MeetupStore.Meetups[1].StartsAt);
    }

    [Fact]
    public async Task A_full_event_waitlists_later_members_and_promotes_the_first_when_a_place_opens()
    {
        await _h.CommandAsync("sam", "/event new Talk 1d 2", StaffRole.Specialist);

        var ann = (await _h.PressAsync("ann", "event:going:1")).SingleReply();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.PressAsync("bea", "event:going:1");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var cid = (await _h.PressAsync("cid", "event:going:1")).SingleReply();
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        var dan = (await _h.PressAsync("dan", "event:going:1")).SingleReply();
        var cidAgain = (await _h.PressAsync("cid", "event:going:1")).SingleReply();
        var annLeaves = await _h.PressAsync("ann", "event:notgoing:1");

        Assert.Contains("You're going", ann.Text, StringComparison.Ordinal);
        Assert.Contains("number 1 on the waitlist", cid.Text, StringComparison.Ordinal);
        Assert.Contains("number 2 on the waitlist", dan.Text, StringComparison.Ordinal);
        Assert.Contains("already on the waitlist", cidAgain.Text, StringComparison.Ordinal);
        Assert.Contains("cid, a place opened up", Assert.IsType<SendMessage>(annLeaves[1]).Text, StringComparison.Ordinal);
        var statuses = _h.MeetupStore.Rsvps.ToDictionary(r => r.Rsvp.UserId, r => r.Rsvp.Status);
        Assert.Equal(RsvpStatus.NotGoing, statuses["ann"]);
        Assert.Equal(RsvpStatus.Going, statuses["bea"]);
        Assert.Equal(RsvpStatus.Going, statuses["cid"]);
        Assert.Equal(RsvpStatus.Waitlisted, statuses["dan"]);
    }

    [Fact]
    public void Without_a_capacity_everyone_goes_and_leaving_promotes_nobody()
    {
        var now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var rsvps = Enumerable.Range(0, 50).Select(i => new Rsvp("u" + i, "u" + i, RsvpStatus.Going, now)).ToList();

        var joining = RsvpRules.Decide(rsvps, null, "new", "new", going: true, now);
        var leaving = RsvpRules.Decide(rsvps, null, "u0", "u0", going: false, now);
        var twice = RsvpRules.Decide([.. rsvps, new Rsvp("x", "x", RsvpStatus.NotGoing, now)], null, "x", "x", going: false, now);

        Assert.Equal(RsvpOutcome.Going, joining.Outcome);
        Assert.Equal((RsvpOutcome.NotGoing, (Rsvp?)null), (leaving.Outcome, leaving.Promoted));
        Assert.Equal((RsvpOutcome.AlreadyNotGoing, (Rsvp?)null), (twice.Outcome, twice.Changed));
    }

    [Fact]
    public async Task Sign_ups_close_at_the_start()
    {
        await _h.CommandAsync("sam", "/event new Talk 1h", StaffRole.Specialist);
        _h.Clock.Advance(TimeSpan.FromHours(1));

        var reply = (await _h.PressAsync("ann", "event:going:1")).SingleReply();

        Assert.Contains("already started", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_h.MeetupStore.Rsvps);
    }

    [Fact]
    public async Task Reminders_name_who_is_going_and_the_poll_offers_five_ratings()
    {
        await _h.CommandAsync("sam", "/event new Talk 1d", StaffRole.Specialist);
        await _h.PressAsync("ann", "event:going:1");
        await _h.PressAsync("bea", "event:notgoing:1");

        var reminder = Assert.IsType<SendMessage>(Assert.Single(await _h.FireAsync("meetup:1:remind:60")));
        var poll = Assert.IsType<SendMessage>(Assert.Single(await _h.FireAsync("meetup:1:poll")));

        Assert.Contains("(in 1h). Going (1): ann", reminder.Text, StringComparison.Ordinal);
        Assert.Equal(["event:rate:1:1", "event:rate:1:2", "event:rate:1:3", "event:rate:1:4", "event:rate:1:5"], poll.Buttons!.Select(b => b.Data));
    }

    [Fact]
    public async Task Attendance_is_marked_once_and_feeds_contribution_points_once()
    {
        await _h.CommandAsync("sam", "/event new Talk 1d", StaffRole.Specialist);
        await _h.Members.JoinedAsync(EngagementHarness.Community, EngagementHarness.MemberOf("ann"), Now, CancellationToken.None);

        var first = (await _h.CommandAsync("sam", "/event attend 1 ann", StaffRole.Specialist)).SingleReply();
        var second = (await _h.CommandAsync("sam", "/event attend 1 ann", StaffRole.Specialist)).SingleReply();
        var member = (await _h.CommandAsync("ann", "/event attend 1 ann")).SingleReply();

        Assert.Contains("1 attended so far", first.Text, StringComparison.Ordinal);
        Assert.Contains("already marked", second.Text, StringComparison.Ordinal);
        Assert.Contains("may not use /event attend", member.Text, StringComparison.Ordinal);
        var credit = Assert.Single(_h.Contributions.Credits);
        Assert.Equal(("ann", ContributionSource.EventEntry, "event:1:attended:ann"), (credit.User.Id, credit.Source, credit.Reference));
    }

    [Fact]
    public async Task Summary_reports_attendance_and_the_average_rating_with_a_member_rating_once()
    {
        await _h.CommandAsync("sam", "/event new Talk 1d", StaffRole.Specialist);
        await _h.PressAsync("ann", "event:going:1");
        await _h.CommandAsync("sam", "/event attend 1 <@ann>", StaffRole.Specialist);
        await _h.PressAsync("ann", "event:rate:1:2");
        await _h.PressAsync("ann", "event:rate:1:4");
        await _h.PressAsync("bea", "event:rate:1:5");
        var bad = (await _h.PressAsync("bea", "event:rate:1:9")).SingleReply();

        var summary = (await _h.CommandAsync("sam", "/event summary 1", StaffRole.Specialist)).SingleReply();

        Assert.Contains("no event", bad.Text, StringComparison.Ordinal);
        Assert.Contains("Attended: 1 (going: 1, waitlist: 0)", summary.Text, StringComparison.Ordinal);
        Assert.Contains("Rating: 4.5/5 from 2 rating(s)", summary.Text, StringComparison.Ordinal);
        var meetup = _h.MeetupStore.Meetups[1];
        Assert.Equal((meetup.StartsAt - _h.Options.JoinWindow, meetup.EndsAt + _h.Options.JoinWindow), _h.MeetupStore.LastJoinWindow);
    }

    [Fact]
    public void Options_reject_reminder_leads_out_of_range_and_default_to_a_day_and_an_hour()
    {
        var options = new EngagementOptions { ReminderLeads = [TimeSpan.Zero, TimeSpan.FromDays(31)] };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains("ReminderLeads", Assert.Single(errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([TimeSpan.FromDays(1), TimeSpan.FromHours(1)], new EngagementOptions().ReminderLeadTimes);
    }
}
