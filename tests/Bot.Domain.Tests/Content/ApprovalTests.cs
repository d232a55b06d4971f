using Bot.Domain.Actions;
using Bot.Domain.Content;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Content;

public sealed class ApprovalTests
{
    [Fact]
    public async Task Submitting_posts_a_review_card_with_approve_and_reject_buttons()
    {
        var harness = new ContentHarness();
        await harness.CommandAsync("1", "/post new Launch | We are live! | news | general", StaffRole.Specialist);

        var actions = await harness.CommandAsync("1", "/post submit 1", StaffRole.Specialist);

        var card = Assert.Single(actions.OfType<PostToStaff>());
        Assert.Equal(["post:approve:1", "post:reject:1"], card.Buttons!.Select(b => b.Data));
        Assert.Equal("content:review:1", card.Correlation);
        Assert.Equal(PostState.Submitted, harness.Store[1].State);
    }

    [Fact]
    public async Task A_specialist_cannot_approve_by_command_or_button()
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync();

        var byCommand = await harness.CommandAsync("2", "/post approve 1 now", StaffRole.Specialist);
        var byButton = await harness.PressAsync("2", "post:approve:1", StaffRole.Specialist);

        Assert.Contains("may not use /post approve", Assert.IsType<Reply>(Assert.Single(byCommand)).Text, StringComparison.Ordinal);
        Assert.Contains("Only a manager", Assert.IsType<Reply>(Assert.Single(byButton)).Text, StringComparison.Ordinal);
        Assert.Equal(PostState.Submitted, harness.Store[1].State);
    }

    [Fact]
    public async Task The_author_cannot_approve_their_own_post_even_as_a_manager()
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync();

        var byCommand = await harness.CommandAsync("1", "/post approve 1 now", StaffRole.Manager);
        var byButton = await harness.PressAsync("1", "post:approve:1", StaffRole.Owner);

        Assert.Contains("another manager", Assert.IsType<Reply>(Assert.Single(byCommand)).Text, StringComparison.Ordinal);
        Assert.Contains("another manager", Assert.IsType<Reply>(Assert.Single(byButton)).Text, StringComparison.Ordinal);
        Assert.Equal(PostState.Submitted, harness.Store[1].State);
    }

    [Fact]
    public async Task A_manager_approves_at_a_time_and_the_author_is_told()
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync();

        var actions = await harness.CommandAsync("2", "/post approve 1 at 2025-06-05 18:30", StaffRole.Manager);

        var timer = Assert.Single(actions.OfType<ScheduleTimer>());
        Assert.Equal(("content", "1"), (timer.Feature, timer.Key));
        Assert.Equal(new DateTimeOffset(2025, 6, 5, 17, 30, 0, TimeSpan.Zero), timer.At); // 18:30 BST
        Assert.Contains(actions.OfType<DirectMessage>(), d => d.User.Id == "1" && d.Text.Contains("approved", StringComparison.Ordinal));
        var post = harness.Store[1];
        Assert.Equal((PostState.Scheduled, "2"), (post.State, post.ReviewedBy!.Value.Id));
    }

    [Fact]
    public async Task A_press_before_the_cards_id_came_back_approves_and_closes_the_card_pressed()
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync();
        var version = harness.Store[1].Version;

        var actions = await harness.PressAsync("2", "post:approve:1", StaffRole.Manager);
        // The card's id arriving afterwards is not a change of the post: it cannot turn a decision into a conflict.
        await harness.CompleteAsync("content:review:1", true, "m1");

        var closed = Assert.Single(actions.OfType<EditMessage>());
        Assert.Equal(("staff", "m1"), (closed.ChannelId, closed.MessageId));
        Assert.Equal(PostState.Scheduled, harness.Store[1].State);
        Assert.Equal(version + 1, harness.Store[1].Version);
        Assert.Equal("m1", harness.Store[1].ReviewMessageId);
    }

    [Fact]
    public async Task The_approve_button_takes_the_busiest_free_hour()
    {
        var harness = new ContentHarness();
        harness.Store.Histogram.Add(DayOfWeek.Thursday, 20, 42);
        await harness.SubmittedPostAsync();

        var actions = await harness.PressAsync("2", "post:approve:1", StaffRole.Manager);

        Assert.Equal(new DateTimeOffset(2025, 6, 5, 19, 0, 0, TimeSpan.Zero), Assert.Single(actions.OfType<ScheduleTimer>()).At);
        Assert.Contains("42 messages", actions.OfType<Reply>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_tells_the_author_why_and_the_post_can_be_fixed_and_resubmitted()
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync();

        var actions = await harness.CommandAsync("2", "/post reject 1 Needs a link to the signup page", StaffRole.Manager);
        await harness.CommandAsync("1", "/post edit 1 body We are live! [Sign up](https://example.com)", StaffRole.Specialist);
        var resubmitted = await harness.CommandAsync("1", "/post submit 1", StaffRole.Specialist);

        var told = Assert.Single(actions.OfType<DirectMessage>());
        Assert.Equal("1", told.User.Id);
        Assert.Contains("Needs a link to the signup page", told.Text, StringComparison.Ordinal);
        Assert.Single(resubmitted.OfType<PostToStaff>());
        Assert.Equal(PostState.Submitted, harness.Store[1].State);
    }

    [Fact]
    public async Task Bad_input_changes_nothing()
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync();

        var reply = await harness.CommandAsync("2", "/post approve 1 at 2025-13-01 10:00", StaffRole.Manager);

        Assert.Contains("Did not understand", Assert.IsType<Reply>(Assert.Single(reply)).Text, StringComparison.Ordinal);
        Assert.Equal(PostState.Submitted, harness.Store[1].State);
    }
}
