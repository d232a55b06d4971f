using Bot.Domain.Actions;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Engagement;

public sealed class ContestTests
{
    private readonly EngagementHarness _h = new();

    private async Task OpenWithEntriesAsync()
    {
        await _h.CommandAsync("sam", "/contest new \"Best photo\" 3d", StaffRole.Specialist);
        await _h.CommandAsync("ann", "/contest submit 1 Sunset over the harbour");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.CommandAsync("bea", "/contest submit 1 A cat on a keyboard");
    }

    [Fact]
    public async Task Opening_a_contest_schedules_the_results_at_the_deadline()
    {
        var actions = await _h.CommandAsync("sam", "/contest new \"Best photo\" 2025-06-03T12:00", StaffRole.Specialist);

        Assert.Contains("Best photo", actions[0].Text(), StringComparison.Ordinal);
        var timer = Assert.IsType<ScheduleTimer>(actions[1]);
        Assert.Equal(("contest:1", new DateTimeOffset(2025, 6, 3, 12, 0, 0, TimeSpan.Zero)), (timer.Key, timer.At));
    }

    [Fact]
    public async Task Each_entry_gets_a_vote_button_and_a_member_submits_once()
    {
        await OpenWithEntriesAsync();

        var again = (await _h.CommandAsync("ann", "/contest submit 1 Another one")).SingleReply();
        var missing = (await _h.CommandAsync("ann", "/contest submit 9 Hello")).SingleReply();

        Assert.Contains("already submitted entry #1", again.Text, StringComparison.Ordinal);
        Assert.Contains("no contest #9", missing.Text, StringComparison.Ordinal);
        Assert.Equal(2, _h.ContestStore.Entries.Count);
    }

    [Fact]
    public async Task Votes_are_one_per_member_never_for_oneself_and_a_new_choice_moves_the_vote()
    {
        await OpenWithEntriesAsync();

        var own = (await _h.PressAsync("ann", "contest:vote:1")).SingleReply();
        var first = (await _h.PressAsync("cid", "contest:vote:1")).SingleReply();
        var repeat = (await _h.PressAsync("cid", "contest:vote:1")).SingleReply();
        var moved = (await _h.PressAsync("cid", "contest:vote:2")).SingleReply();

        Assert.Contains("can't vote for your own entry", own.Text, StringComparison.Ordinal);
        Assert.Contains("is counted", first.Text, StringComparison.Ordinal);
        Assert.Contains("already voted", repeat.Text, StringComparison.Ordinal);
        Assert.Contains("now goes to entry #2", moved.Text, StringComparison.Ordinal);
        Assert.Equal(2, Assert.Single(_h.ContestStore.Votes).Value);
    }

    [Fact]
    public async Task At_the_deadline_results_are_posted_and_later_votes_and_entries_are_refused()
    {
        await OpenWithEntriesAsync();
        await _h.PressAsync("bea", "contest:vote:1");
        await _h.PressAsync("cid", "contest:vote:1");
        await _h.PressAsync("ann", "contest:vote:2");
        _h.Clock.Advance(TimeSpan.FromDays(3));

        var results = Assert.IsType<SendMessage>(Assert.Single(await _h.FireAsync("contest:1")));
        var late = (await _h.PressAsync("dan", "contest:vote:2")).SingleReply();
        var lateEntry = (await _h.CommandAsync("dan", "/contest submit 1 Too late")).SingleReply();

        Assert.Contains("1. ann — 2 vote(s) (entry #1)\n2. bea — 1 vote(s) (entry #2)", results.Text, StringComparison.Ordinal);
        Assert.Contains("closed", late.Text, StringComparison.Ordinal);
        Assert.Contains("closed", lateEntry.Text, StringComparison.Ordinal);
        Assert.Equal(3, _h.ContestStore.Votes.Count);
        Assert.Empty(await _h.FireAsync("contest:1"));
    }
}
