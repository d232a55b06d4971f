using Bot.Domain.Actions;
using Bot.Domain.Content;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Content;

/// <summary>Editing a published post: a revision a manager other than its author approves before the live messages change.</summary>
public sealed class RevisionTests
{
    [Fact]
    public async Task Editing_a_published_post_sends_a_revision_for_review_and_leaves_the_post_as_published()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();

        var actions = await harness.CommandAsync("1", "/post edit 1 title Launch day", StaffRole.Specialist);

        var card = Assert.Single(actions.OfType<PostToStaff>());
        Assert.Equal(["post:approve-edit:1", "post:reject-edit:1"], card.Buttons!.Select(b => b.Data));
        Assert.Equal("content:review:1:1", card.Correlation);
        Assert.Contains("Changes: title", card.Text, StringComparison.Ordinal);
        Assert.Contains("Launch day", card.Text, StringComparison.Ordinal);
        Assert.Empty(actions.OfType<EditMessage>());
        var post = harness.Store[1];
        Assert.Equal((PostState.Published, "Launch"), (post.State, post.Title));
        var revision = Assert.Single(harness.Store.Revisions);
        Assert.Equal((RevisionState.Pending, "Launch day", "1"), (revision.State, revision.Title, revision.Author.Id));
    }

    [Fact]
    public async Task Approval_edits_every_published_message_with_the_platform_rendering_and_keeps_the_post_published()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();
        await harness.CommandAsync("1", "/post edit 1 body We are **really** live & well", StaffRole.Specialist);
        await harness.CompleteAsync("content:review:1:1", succeeded: true, messageId: "m1");

        // The harness presses message m1: the card.
        var actions = await harness.PressAsync("2", "post:approve-edit:1", StaffRole.Manager);

        var edits = actions.OfType<EditMessage>().Where(e => e.MessageId.StartsWith("m-", StringComparison.Ordinal)).ToList();
        Assert.Equal(["general:m-general", "news:m-news"], edits.Select(e => $"{e.ChannelId}:{e.MessageId}"));
        Assert.All(edits, e => Assert.True(e.Formatted));
        Assert.All(edits, e => Assert.Null(e.Pin));
        Assert.Equal("<b>Launch</b>\n\nWe are <b>really</b> live &amp; well\n\n#news", edits[0].Text);
        var card = Assert.Single(actions.OfType<EditMessage>(), e => e.MessageId == "m1");
        Assert.Contains("Approved revision #1", card.Text, StringComparison.Ordinal);
        Assert.Empty(card.Buttons!);
        Assert.Contains(actions.OfType<DirectMessage>(), d => d.User.Id == "1" && d.Text.Contains("approved by 2", StringComparison.Ordinal));
        var post = harness.Store[1];
        Assert.Equal((PostState.Published, "We are **really** live & well"), (post.State, post.Body));
        Assert.Equal((RevisionState.Approved, "2"), (harness.Store.Revisions[0].State, harness.Store.Revisions[0].ReviewedBy!.Value.Id));
    }

    [Fact]
    public async Task Pin_off_on_a_pinned_post_unpins_on_approval()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();
        await harness.Store.SaveAsync(harness.Store[1] with { Pin = true }, CancellationToken.None);
        await harness.CommandAsync("2", "/post edit 1 pin off", StaffRole.Manager);

        var actions = await harness.CommandAsync("3", "/post approve 1", StaffRole.Manager);

        var edits = actions.OfType<EditMessage>().ToList();
        Assert.Equal(2, edits.Count);
        Assert.All(edits, e => Assert.False(e.Pin));
        Assert.False(harness.Store[1].Pin);
    }

    [Fact]
    public async Task Nobody_approves_their_own_revision_and_a_specialist_approves_none()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();
        await harness.CommandAsync("2", "/post edit 1 tags news launch", StaffRole.Manager);

        var own = await harness.PressAsync("2", "post:approve-edit:1", StaffRole.Manager);
        var ownByCommand = await harness.CommandAsync("2", "/post approve 1", StaffRole.Owner);
        var specialist = await harness.PressAsync("1", "post:approve-edit:1", StaffRole.Specialist);

        Assert.Contains("another manager", Assert.IsType<Reply>(Assert.Single(own)).Text, StringComparison.Ordinal);
        Assert.Contains("another manager", Assert.IsType<Reply>(Assert.Single(ownByCommand)).Text, StringComparison.Ordinal);
        Assert.Contains("Only a manager", Assert.IsType<Reply>(Assert.Single(specialist)).Text, StringComparison.Ordinal);
        Assert.Equal(RevisionState.Pending, harness.Store.Revisions[0].State);
        Assert.Equal(["news"], harness.Store[1].Tags);
    }

    [Fact]
    public async Task Rejection_tells_the_author_why_and_the_live_post_is_unchanged()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();
        await harness.CommandAsync("1", "/post edit 1 title Launch!!!", StaffRole.Specialist);

        var actions = await harness.CommandAsync("2", "/post reject 1 too loud", StaffRole.Manager);

        Assert.Empty(actions.OfType<EditMessage>());
        var dm = Assert.Single(actions.OfType<DirectMessage>());
        Assert.Equal("1", dm.User.Id);
        Assert.Contains("too loud", dm.Text, StringComparison.Ordinal);
        Assert.Equal("Launch", harness.Store[1].Title);
        Assert.Equal((RevisionState.Rejected, "too loud"), (harness.Store.Revisions[0].State, harness.Store.Revisions[0].RejectReason));
        Assert.Contains("no change", (await harness.CommandAsync("3", "/post approve 1", StaffRole.Manager)).OfType<Reply>().Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_newer_edit_replaces_the_pending_one_whose_old_button_then_approves_nothing()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();
        await harness.CommandAsync("1", "/post edit 1 title Launch day", StaffRole.Specialist);
        await harness.CompleteAsync("content:review:1:1", succeeded: true, messageId: "card-1");

        var second = await harness.CommandAsync("1", "/post edit 1 body Now with more", StaffRole.Specialist);
        var stale = await harness.PressAsync("2", "post:approve-edit:1", StaffRole.Manager);

        Assert.Contains(second.OfType<EditMessage>(), e => e.MessageId == "card-1" && e.Text.Contains("replaced by a newer edit", StringComparison.Ordinal));
        Assert.Contains("not awaiting review", Assert.IsType<Reply>(Assert.Single(stale)).Text, StringComparison.Ordinal);
        var pending = harness.Store.Revisions[1];
        Assert.Equal((RevisionState.Pending, "Launch day", "Now with more"), (pending.State, pending.Title, pending.Body));
        Assert.Equal(RevisionState.Superseded, harness.Store.Revisions[0].State);
        Assert.Equal("Launch", harness.Store[1].Title);
    }

    [Theory]
    [InlineData("channels #other", "not its channels")]
    [InlineData("repeat daily 09:00", "not its repeat")]
    [InlineData("title Launch", "nothing to review")]
    public async Task A_published_post_refuses_what_a_revision_cannot_change(string edit, string message)
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();

        var actions = await harness.CommandAsync("1", "/post edit 1 " + edit, StaffRole.Specialist);

        Assert.Contains(message, Assert.IsType<Reply>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Empty(harness.Store.Revisions);
    }

    [Fact]
    public async Task A_time_given_when_approving_a_revision_is_refused()
    {
        var harness = new ContentHarness();
        await harness.PublishedPostAsync();
        await harness.CommandAsync("1", "/post edit 1 title Launch day", StaffRole.Specialist);

        var actions = await harness.CommandAsync("2", "/post approve 1 in 2h", StaffRole.Manager);

        Assert.Contains("leave out the time", Assert.IsType<Reply>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Equal(RevisionState.Pending, harness.Store.Revisions[0].State);
    }
}
