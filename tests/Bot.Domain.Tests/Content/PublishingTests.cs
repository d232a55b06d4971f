using Bot.Domain.Actions;
using Bot.Domain.Content;
using Bot.Domain.Events;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Content;

public sealed class PublishingTests
{
    private static async Task<ContentHarness> ScheduledAsync(string when = "at 2025-06-05 18:00", string content = "Launch | We **are** live! | news | general news")
    {
        var harness = new ContentHarness();
        await harness.SubmittedPostAsync(content);
        await harness.CommandAsync("2", "/post approve 1 " + when, StaffRole.Manager);
        harness.Now = harness.Store[1].ScheduledFor!.Value;
        return harness;
    }

    [Fact]
    public async Task A_due_post_is_sent_to_each_channel_rendered_for_the_platform_and_only_once()
    {
        var harness = await ScheduledAsync();

        var first = await harness.FireAsync("1");
        var again = await harness.FireAsync("1");

        var sends = first.OfType<SendMessage>().ToList();
        Assert.Equal(["general", "news"], sends.Select(s => s.ChannelId));
        Assert.All(sends, s => Assert.True(s.Formatted));
        Assert.StartsWith("<b>Launch</b>\n\nWe <b>are</b> live!", sends[0].Text, StringComparison.Ordinal);
        Assert.Empty(again);
        Assert.Equal(PostState.Published, harness.Store[1].State);
    }

    [Fact]
    public async Task Published_message_ids_are_kept_for_removal()
    {
        var harness = await ScheduledAsync();
        var send = (await harness.FireAsync("1")).OfType<SendMessage>().First();

        await harness.CompleteAsync(send.Correlation!, succeeded: true, messageId: "77");
        var removed = await harness.CommandAsync("2", "/post remove 1", StaffRole.Manager);

        Assert.Contains(removed.OfType<DeleteMessage>(), d => d.ChannelId == "general" && d.MessageId == "77");
        Assert.Empty(harness.Store.Publications);
    }

    [Fact]
    public async Task Reactions_and_replies_to_a_published_message_count_for_the_post_once_each()
    {
        var harness = await ScheduledAsync();
        var send = (await harness.FireAsync("1")).OfType<SendMessage>().First();
        await harness.CompleteAsync(send.Correlation!, succeeded: true, messageId: "77");
        ReactionAdded React(string messageId, string who, string emoji) =>
            new(harness.NextEventId(), ContentHarness.Community, harness.Now, "general", messageId, ContentHarness.Member(who).User, emoji);
        MessagePosted Reply(string replyTo, string id) =>
            new(harness.NextEventId(), ContentHarness.Community, harness.Now, "general", id, ContentHarness.Member("6"), "great!", ReplyToMessageId: replyTo);

        foreach (var reaction in new[] { React("77", "5", "👍"), React("77", "5", "👍"), React("77", "5", "❤️"), React("99", "5", "👍") })
        {
            Assert.Empty(await harness.HandleAsync(reaction));
        }

        await harness.HandleAsync(Reply("77", "80"));
        await harness.HandleAsync(Reply("99", "81"));
        await harness.HandleAsync(Reply("77", "82"), filtered: true);
        var shown = await harness.CommandAsync("2", "/post show 1", StaffRole.Manager);

        Assert.Equal(new EngagementCount(2, 1), await harness.Store.EngagementAsync(1, CancellationToken.None));
        Assert.Contains("2 reactions, 1 replies", Assert.IsType<Reply>(Assert.Single(shown)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Late_within_the_grace_period_still_publishes()
    {
        var harness = await ScheduledAsync();
        harness.Now += TimeSpan.FromMinutes(59);

        var actions = await harness.FireAsync("1", scheduledFor: harness.Now);

        Assert.Equal(2, actions.OfType<SendMessage>().Count());
    }

    [Fact]
    public async Task Late_beyond_the_grace_period_is_missed_and_staff_are_told()
    {
        var harness = await ScheduledAsync();
        harness.Now += TimeSpan.FromMinutes(61);

        // Quartz reports a misfire as due now: lateness must come from the post, not from the trigger.
        var actions = await harness.FireAsync("1", scheduledFor: harness.Now);

        Assert.Empty(actions.OfType<SendMessage>());
        Assert.Contains("grace period", Assert.IsType<PostToStaff>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Equal(PostState.Missed, harness.Store[1].State);
    }

    [Fact]
    public async Task A_refused_send_is_retried_with_back_off_then_staff_are_told()
    {
        var harness = await ScheduledAsync(content: "Launch | live | | general");
        var send = (await harness.FireAsync("1")).OfType<SendMessage>().Single();
        var waits = new List<TimeSpan>();
        for (var attempt = 1; attempt < harness.Options.PublishAttempts; attempt++)
        {
            var retry = Assert.IsType<ScheduleTimer>(Assert.Single(await harness.CompleteAsync(send.Correlation!, succeeded: false)));
            waits.Add(retry.At - harness.Now);
            harness.Now = retry.At;
            send = Assert.IsType<SendMessage>(Assert.Single(await harness.FireAsync(retry.Key, retry.Payload)));
        }

        var final = await harness.CompleteAsync(send.Correlation!, succeeded: false);

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], waits);
        Assert.Contains("could not be published", Assert.IsType<PostToStaff>(Assert.Single(final)).Text, StringComparison.Ordinal);
        Assert.Equal(PostState.Missed, harness.Store[1].State);
    }

    [Fact]
    public async Task A_retry_for_a_channel_already_published_sends_nothing()
    {
        var harness = await ScheduledAsync(content: "Launch | live | | general");
        var send = (await harness.FireAsync("1")).OfType<SendMessage>().Single();
        var retry = Assert.IsType<ScheduleTimer>(Assert.Single(await harness.CompleteAsync(send.Correlation!, succeeded: false)));
        var occurrence = harness.Store[1].LastOccurrence!.Value;
        await harness.Store.AddPublicationAsync(new Publication(1, occurrence, "general", "m9", harness.Now), CancellationToken.None);

        Assert.Empty(await harness.FireAsync(retry.Key, retry.Payload));
    }

    [Fact]
    public async Task A_cancelled_post_does_not_publish_when_its_timer_fires()
    {
        var harness = await ScheduledAsync();

        var cancel = await harness.CommandAsync("1", "/post cancel 1", StaffRole.Specialist);

        Assert.Single(cancel.OfType<CancelTimer>());
        Assert.Empty(await harness.FireAsync("1"));
    }

    [Fact]
    public async Task A_recurring_post_publishes_each_occurrence_once_and_skips_one_missed_while_down()
    {
        var harness = new ContentHarness();
        await harness.CommandAsync("1", "/post new Rules | Be kind. | rules | general", StaffRole.Specialist);
        await harness.CommandAsync("1", "/post edit 1 repeat weekly mon 09:00", StaffRole.Specialist);
        await harness.CommandAsync("1", "/post submit 1", StaffRole.Specialist);
        var approve = await harness.CommandAsync("2", "/post approve 1", StaffRole.Manager);
        var timer = Assert.Single(approve.OfType<ScheduleTimer>());
        Assert.Equal("0 0 9 ? * MON", timer.Cron);
        Assert.Equal("Europe/London", timer.TimeZone);

        harness.Now = new DateTimeOffset(2025, 6, 9, 8, 0, 5, TimeSpan.Zero); // Monday 09:00:05 BST
        var first = await harness.FireAsync("1");
        var duplicate = await harness.FireAsync("1");
        harness.Now = new DateTimeOffset(2025, 6, 16, 11, 0, 0, TimeSpan.Zero); // three hours after the next one
        var late = await harness.FireAsync("1");

        Assert.Single(first.OfType<SendMessage>());
        Assert.Empty(duplicate);
        Assert.Contains("skipped", Assert.IsType<PostToStaff>(Assert.Single(late)).Text, StringComparison.Ordinal);
        Assert.Equal(PostState.Scheduled, harness.Store[1].State);
        Assert.Equal(new DateTimeOffset(2025, 6, 23, 8, 0, 0, TimeSpan.Zero), harness.Store[1].ScheduledFor);
    }
}
