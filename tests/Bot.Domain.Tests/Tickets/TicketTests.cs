using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Staff;
using Bot.Domain.Tickets;

namespace Bot.Domain.Tests.Tickets;

public sealed class TicketTests
{
    private readonly TicketTestBed _bed = new();

    [Fact]
    public async Task Opening_a_ticket_opens_a_staff_thread_describing_the_member_and_starts_the_response_timer()
    {
        var actions = await _bed.RunAsync(TestContext.Command("alice", "ticket", "open my order is late"));

        var thread = TicketTestBed.Single<OpenStaffThread>(actions);
        var timer = TicketTestBed.Single<ScheduleTimer>(actions);
        Assert.Equal("ticket:1", thread.Correlation);
        Assert.Contains("Tier: core", thread.Text, StringComparison.Ordinal);
        Assert.Contains("Infractions: 2 (warn: spam)", thread.Text, StringComparison.Ordinal);
        Assert.Equal(TestContext.Start + _bed.Options.FirstResponseTarget, timer.At);
        Assert.Equal("sla:1", timer.Key);

        var again = await _bed.RunAsync(TestContext.Command("alice", "ticket", "open another thing"));
        Assert.Empty(again.OfType<OpenStaffThread>());
        Assert.Contains("already have ticket #1", TicketTestBed.Single<Reply>(again).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Private_messages_written_before_the_thread_exists_follow_it_and_later_ones_go_straight_in()
    {
        await _bed.RunAsync(TestContext.Command("alice", "ticket", "open my order is late"));
        Assert.Empty(await _bed.RunAsync(TestContext.Message("alice", "order 123", channel: "dm-alice", direct: true)));

        var opened = await _bed.RunAsync(new ActionCompleted("d1", TestContext.Community, TestContext.Start, "ticket:1", true, ChannelId: "thread-9"));
        var later = await _bed.RunAsync(TestContext.Message("alice", "still waiting", channel: "dm-alice", direct: true));

        var pending = TicketTestBed.Single<PostToStaff>(opened);
        Assert.Equal(("thread-9", "💬 alice: order 123"), (pending.ThreadId, pending.Text));
        Assert.Equal("thread-9", TicketTestBed.Single<PostToStaff>(later).ThreadId);
        Assert.All(_bed.Store.Messages, m => Assert.True(m.Relayed));
    }

    [Fact]
    public async Task A_staff_reply_to_a_relayed_member_line_in_a_group_without_topics_goes_to_the_member()
    {
        await _bed.OpenAsync("card-7");
        var relay = TicketTestBed.Single<PostToStaff>(await _bed.RunAsync(TestContext.Message("alice", "order 123", channel: "dm-alice", direct: true)));
        await _bed.RunAsync(new ActionCompleted("d2", TestContext.Community, TestContext.Start, relay.Correlation!, true, "staff", "line-8"));
        var answer = TestContext.Message("bob", "found it", channel: "staff") with { ReplyToMessageId = "line-8" };
        var elsewhere = TestContext.Message("bob", "found it", channel: "general") with { ReplyToMessageId = "line-8" };

        var actions = await _bed.RunAsync(answer, StaffRole.Support);

        Assert.Equal("ticket-line:1", relay.Correlation);
        Assert.Equal(("alice", "💬 [#1] bob (staff): found it"), (TicketTestBed.Single<DirectMessage>(actions).User.Id, TicketTestBed.Single<DirectMessage>(actions).Text));
        Assert.Empty(await _bed.RunAsync(elsewhere, StaffRole.Support));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_staff_reply_in_the_thread_goes_to_the_member_and_stops_the_response_timer(bool threadAsChannel)
    {
        await _bed.OpenAsync("thread-1");
        var reply = threadAsChannel
            ? TestContext.Message("bob", "on it", channel: "thread-1")
            : TestContext.Message("bob", "on it", channel: "staff", thread: "thread-1");

        var actions = await _bed.RunAsync(reply, StaffRole.Support);

        var dm = TicketTestBed.Single<DirectMessage>(actions);
        Assert.Equal(("alice", "💬 [#1] bob (staff): on it"), (dm.User.Id, dm.Text));
        Assert.Equal("sla:1", TicketTestBed.Single<CancelTimer>(actions).Key);
        Assert.Equal(TestContext.Start, _bed.Store.Tickets[0].FirstResponseAt);
    }

    [Fact]
    public async Task Notes_and_non_staff_messages_in_the_thread_never_reach_the_member()
    {
        await _bed.OpenAsync("thread-1");

        var note = await _bed.RunAsync(TestContext.Command("bob", "ticket", "note she sounds upset", channel: "thread-1"), StaffRole.Support);
        var stranger = await _bed.RunAsync(TestContext.Message("eve", "hello", channel: "thread-1"));

        Assert.Empty(note.OfType<DirectMessage>());
        Assert.Empty(stranger);
        Assert.Contains(_bed.Store.Messages, m => m.Kind == TicketEntryKind.Note && m.Text == "she sounds upset");
    }

    [Fact]
    public async Task Claim_transfer_close_and_the_members_rating()
    {
        await _bed.OpenAsync("thread-1");

        await _bed.RunAsync(TestContext.Command("bob", "ticket", "claim", channel: "thread-1"), StaffRole.Support);
        Assert.Equal("bob", _bed.Store.Tickets[0].Assignee?.Id);
        var refused = await _bed.RunAsync(TestContext.Command("bob", "ticket", "transfer @eve", channel: "thread-1"), StaffRole.Support);
        Assert.Contains("eve is not on the staff team", TicketTestBed.Single<Reply>(refused).Text, StringComparison.Ordinal);
        await _bed.RunAsync(TestContext.Command("bob", "ticket", "transfer @max", channel: "thread-1"), StaffRole.Support);
        Assert.Equal("max", _bed.Store.Tickets[0].Assignee?.Id);

        var closed = await _bed.RunAsync(TestContext.Command("max", "ticket", "close shipped today", channel: "thread-1"), StaffRole.Manager);
        var dm = TicketTestBed.Single<DirectMessage>(closed);
        Assert.Equal(Enumerable.Range(1, 5).Select(n => $"ticket:rate:1:{n}"), dm.Buttons!.Select(b => b.Data));
        Assert.Equal("ticket-1.txt", TicketTestBed.Single<PostToStaff>(closed).File!.FileName);
        Assert.Equal((TicketStatus.Closed, "shipped today"), (_bed.Store.Tickets[0].Status, _bed.Store.Tickets[0].CloseReason));

        await _bed.RunAsync(TestContext.Press("eve", "ticket:rate:1:1"));
        await _bed.RunAsync(TestContext.Press("alice", "ticket:rate:1:4"));
        var twice = await _bed.RunAsync(TestContext.Press("alice", "ticket:rate:1:1"));
        Assert.Equal(4, _bed.Store.Tickets[0].Rating);
        Assert.Contains("already been rated", TicketTestBed.Single<Reply>(twice).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_may_not_use_staff_ticket_commands()
    {
        await _bed.OpenAsync("thread-1");

        var actions = await _bed.RunAsync(TestContext.Command("alice", "ticket", "close", channel: "thread-1"));

        Assert.Contains("You may not use /ticket close", TicketTestBed.Single<Reply>(actions).Text, StringComparison.Ordinal);
        Assert.True(_bed.Store.Tickets[0].IsOpen);
    }

    [Fact]
    public async Task A_ticket_without_a_staff_reply_in_time_is_escalated_to_managers_once()
    {
        var ticket = await _bed.OpenAsync("thread-1");
        var due = ticket.OpenedAt + _bed.Options.FirstResponseTarget;
        TimerFired Fire(string id) => new(id, TestContext.Community, due, TicketDesk.Feature, TicketDesk.SlaKey(ticket.Id), "1", due);

        var escalated = await _bed.RunAsync(Fire("t1"));
        var again = await _bed.RunAsync(Fire("t2"));

        var post = TicketTestBed.Single<PostToStaff>(escalated);
        Assert.Null(post.ThreadId);
        Assert.Contains("waited 15 min", post.Text, StringComparison.Ordinal);
        Assert.Contains("@max", post.Text, StringComparison.Ordinal);
        Assert.Empty(again);
    }

    [Fact]
    public async Task A_ticket_answered_in_time_is_not_escalated()
    {
        var ticket = await _bed.OpenAsync("thread-1");
        await _bed.RunAsync(TestContext.Message("bob", "hi", channel: "thread-1"), StaffRole.Support);
        var due = ticket.OpenedAt + _bed.Options.FirstResponseTarget;

        Assert.Empty(await _bed.RunAsync(new TimerFired("t1", TestContext.Community, due, TicketDesk.Feature, "sla:1", "1", due)));
    }

    [Fact]
    public async Task An_appeal_is_decided_by_a_moderator_other_than_the_one_who_acted()
    {
        var context = TestContext.For(TestContext.Command("alice", "appeal", "I was not spamming"));
        var opened = await _bed.Desk.OpenAppealAsync(
            new AppealRequest(TestContext.Member("alice"), TestContext.Member("mod1").User, "case-7", "I was not spamming"), context, default);
        Assert.Contains("Appeal #1", TicketTestBed.Single<OpenStaffThread>(opened).Title, StringComparison.Ordinal);
        await _bed.RunAsync(new ActionCompleted("d1", TestContext.Community, TestContext.Start, "ticket:1", true, ChannelId: "thread-a"));

        var close = await _bed.RunAsync(TestContext.Command("mod2", "ticket", "close", channel: "thread-a"), StaffRole.Moderator, StaffRole.Support);
        var same = await _bed.RunAsync(TestContext.Command("mod1", "ticket", "decide overturn", channel: "thread-a"), StaffRole.Moderator);
        Assert.Contains("/ticket decide", TicketTestBed.Single<Reply>(close).Text, StringComparison.Ordinal);
        Assert.Contains("another moderator", TicketTestBed.Single<Reply>(same).Text, StringComparison.Ordinal);
        Assert.True(_bed.Store.Tickets[0].IsOpen);

        var decided = await _bed.RunAsync(TestContext.Command("mod2", "ticket", "decide overturn not spam", channel: "thread-a"), StaffRole.Moderator);

        Assert.Contains("overturned", TicketTestBed.Single<DirectMessage>(decided).Text, StringComparison.Ordinal);
        Assert.Single(decided.OfType<UnbanMember>());
        Assert.Equal(("case-7", true, "mod2"), (_bed.Outcomes.Decisions[0].CaseRef, _bed.Outcomes.Decisions[0].Overturned, _bed.Outcomes.Decisions[0].DecidedBy.Id));
        Assert.Equal("overturned", _bed.Store.Tickets[0].Decision);
    }
}
