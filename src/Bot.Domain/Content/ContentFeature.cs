using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Content;

/// <summary>
/// The review buttons, publishing when a post's timer fires, and what the platform answers about it.
/// Publishing happens once per occurrence: the post's state (one-off) or its last handled occurrence
/// (recurring) changes in the same transaction that commits the messages to send, under a version check,
/// so a repeated or concurrent fire finds nothing left to do.
/// </summary>
public sealed class ContentFeature(IContentStore store, ContentDesk desk, RevisionDesk revisions, ContentOptions options) : IFeature
{
    /// <summary>A timer may run a little before the clock says its time has come.</summary>
    private static readonly TimeSpan Early = TimeSpan.FromMinutes(1);

    public string Name => ContentDesk.Feature;

    public int Order => 500;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        ButtonPressed { Data: var data } pressed when data.StartsWith("post:", StringComparison.Ordinal) => ButtonAsync(context, pressed, ct),
        TimerFired { Feature: ContentDesk.Feature } fired => TimerAsync(context, fired, ct),
        ActionCompleted { Correlation: var c } done when c.StartsWith(ContentDesk.Feature + ":", StringComparison.Ordinal) => CompletedAsync(context, done, ct),
        ReactionAdded reaction => EngagedAsync(
            new PostEngagement(reaction.Community, reaction.ChannelId, reaction.MessageId, EngagementKind.Reaction, reaction.By, reaction.Emoji, context.Now), ct),
        MessagePosted { ReplyToMessageId: { } target, IsDirect: false } reply when !context.MessageFiltered => EngagedAsync(
            new PostEngagement(reply.Community, reply.ChannelId, target, EngagementKind.Reply, reply.Author.User, reply.MessageId, context.Now), ct),
        _ => FeatureResults.NoneAsync,
    };

    /// <summary>Reactions and replies are kept for engagement per post; the store ignores those to other messages.</summary>
    private async Task<IReadOnlyList<BotAction>> EngagedAsync(PostEngagement engagement, CancellationToken ct)
    {
        await store.RecordEngagementAsync(engagement, ct);
        return FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> ButtonAsync(EventContext context, ButtonPressed pressed, CancellationToken ct)
    {
        var parts = pressed.Data.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        Reply Answer(string text) => new(context.Community, pressed.ChannelId, text, Ephemeral: true, InteractionId: pressed.InteractionId, To: pressed.By.User);
        // A revision's buttons carry the revision's id, so a card replaced by a newer edit cannot approve that one.
        // The card is the message pressed: its id may not have come back from the platform yet.
        var revision = parts[1] is "approve-edit" or "reject-edit"
            ? await store.GetRevisionAsync(context.Community, id, ct) is { } found ? found with { ReviewChannelId = pressed.ChannelId, ReviewMessageId = pressed.MessageId } : null
            : null;
        if (await store.GetAsync(context.Community, revision?.PostId ?? id, ct) is not { } stored)
        {
            return [Answer(ContentText.Get(culture, "NoSuchPost", id))];
        }

        var post = revision is null ? stored with { ReviewChannelId = pressed.ChannelId, ReviewMessageId = pressed.MessageId } : stored;

        var outcome = parts[1] switch
        {
            "approve-edit" when revision is not null => await revisions.ApproveAsync(context, post, revision, pressed.By.User, ct),
            "reject-edit" when revision is not null => DeskOutcome.Refused(ContentText.Get(culture, "RejectNeedsReason", post.Id)),
            "approve" => await desk.ApproveAsync(context, post, pressed.By.User, null, ct),
            // A rejection needs its reason, which a button cannot carry.
            "reject" => DeskOutcome.Refused(ContentText.Get(culture, "RejectNeedsReason", id)),
            _ => null,
        };
        return outcome is null ? FeatureResults.None : [Answer(outcome.Text), .. outcome.Actions];
    }

    private async Task<IReadOnlyList<BotAction>> TimerAsync(EventContext context, TimerFired fired, CancellationToken ct)
    {
        var key = TimerKey.Parse(fired.Key, fired.Payload);
        if (key is null || await store.GetAsync(context.Community, key.PostId, ct) is not { } post)
        {
            return FeatureResults.None;
        }

        return key.Retry is { } retry
            ? await RetryAsync(context, post, retry.Occurrence, retry.Channel, retry.Attempt, ct)
            : await PublishAsync(context, post, ct);
    }

    private async Task<IReadOnlyList<BotAction>> PublishAsync(EventContext context, Post post, CancellationToken ct)
    {
        if (post.State != PostState.Scheduled)
        {
            return FeatureResults.None;
        }

        var zone = context.Settings.Zone;
        var culture = context.Culture;
        Recurrence? rule = post.Repeat is { } repeat && Recurrence.TryParse(repeat, out var parsed) ? parsed : null;
        // Quartz reports a misfired trigger as due now, so how late a post is comes from the post itself.
        DateTimeOffset? due = rule is null ? post.ScheduledFor : rule.Previous(context.Now + Early, zone);
        if (due is not { } occurrence || occurrence > context.Now + Early || occurrence <= post.LastOccurrence)
        {
            return FeatureResults.None;
        }

        var late = context.Now - occurrence;
        var missed = late > options.GracePeriod;
        var next = post with
        {
            State = rule is not null ? PostState.Scheduled : missed ? PostState.Missed : PostState.Published,
            ScheduledFor = rule?.Next(context.Now, zone) ?? post.ScheduledFor,
            LastOccurrence = occurrence,
        };
        if (!await store.SaveAsync(next, ct))
        {
            return FeatureResults.None;
        }

        if (missed)
        {
            var lateBy = Commands.DurationParser.Format(TimeSpan.FromMinutes(Math.Ceiling(late.TotalMinutes)));
            var key = rule is null ? "MissedStaff" : "SkippedStaff";
            return [new PostToStaff(context.Community, ContentText.Get(
                culture, key, post.Id, post.Title, ContentText.Local(occurrence, zone, culture), lateBy, Commands.DurationParser.Format(options.GracePeriod)))];
        }

        return [.. post.Channels.Select(channel => Send(context, post, occurrence, channel, attempt: 1))];
    }

    private async Task<IReadOnlyList<BotAction>> RetryAsync(
        EventContext context, Post post, DateTimeOffset occurrence, string channel, int attempt, CancellationToken ct)
    {
        if (post.State is not (PostState.Published or PostState.Scheduled) || post.LastOccurrence != occurrence)
        {
            return FeatureResults.None;
        }

        var published = await store.PublicationsAsync(post.Id, ct);
        return published.Any(p => p.Occurrence == occurrence && p.ChannelId == channel)
            ? FeatureResults.None
            : [Send(context, post, occurrence, channel, attempt)];
    }

    private async Task<IReadOnlyList<BotAction>> CompletedAsync(EventContext context, ActionCompleted done, CancellationToken ct)
    {
        var correlation = Correlation.Parse(done.Correlation);
        if (correlation is null || await store.GetAsync(context.Community, correlation.PostId, ct) is not { } post)
        {
            return FeatureResults.None;
        }

        if (correlation.Review)
        {
            if (done.Succeeded && done.MessageId is { } message)
            {
                if (correlation.RevisionId == 0)
                {
                    await store.SetReviewCardAsync(context.Community, post.Id, done.ChannelId, message, ct);
                }
                else
                {
                    await store.SetRevisionCardAsync(context.Community, correlation.RevisionId, done.ChannelId, message, ct);
                }
            }

            return FeatureResults.None;
        }

        var (occurrence, attempt, channel) = (correlation.Occurrence, correlation.Attempt, correlation.Channel);
        if (done.Succeeded)
        {
            await store.AddPublicationAsync(new Publication(post.Id, occurrence, channel, done.MessageId ?? string.Empty, context.Now), ct);
            return FeatureResults.None;
        }

        if (attempt < options.PublishAttempts)
        {
            var key = new TimerKey(post.Id, new TimerKey.RetryOf(occurrence, channel, attempt + 1));
            return [new ScheduleTimer(context.Community, ContentDesk.Feature, key.Key, context.Now + options.RetryAfter(attempt), key.Payload)];
        }

        var culture = context.Culture;
        if (post.State == PostState.Published && (await store.PublicationsAsync(post.Id, ct)).Count == 0)
        {
            await store.SaveAsync(post with { State = PostState.Missed }, ct);
        }

        return [new PostToStaff(context.Community, ContentText.Get(culture, "PublishFailed", post.Id, post.Title, channel, attempt, done.Error ?? "?"))];
    }

    private static SendMessage Send(EventContext context, Post post, DateTimeOffset occurrence, string channel, int attempt) =>
        new(context.Community, channel, PostRenderer.Render(post, context.Community.Platform), Pin: post.Pin, Formatted: true)
        {
            Correlation = new Correlation(post.Id, false, occurrence, attempt, channel).ToString(),
        };
}
