using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Content;

/// <summary>What a workflow step decided: the answer for whoever asked, and the actions that go with it.</summary>
public sealed record DeskOutcome(string Text, IReadOnlyList<BotAction> Actions)
{
    public static DeskOutcome Refused(string text) => new(text, []);
}

/// <summary>
/// The review steps shared by the commands and the staff channel's buttons: submit, approve (never by the
/// author, only with <see cref="Permission.ApproveContent"/>), reject, and choosing the publishing time.
/// </summary>
public sealed class ContentDesk(IContentStore store, ContentOptions options, PermissionTable permissions)
{
    public const string Feature = "content";

    /// <summary>A post is never scheduled sooner than this, so the approval is committed before it fires.</summary>
    public static readonly TimeSpan MinimumLead = TimeSpan.FromMinutes(1);

    public async Task<DeskOutcome> SubmitAsync(EventContext context, Post post, UserRef by, string? when, CancellationToken ct)
    {
        var culture = context.Culture;
        if (post.Author != by)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotAuthor", post.Id));
        }

        if (post.State is not (PostState.Draft or PostState.Rejected))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "CannotSubmit", post.Id, ContentText.State(post.State, culture)));
        }

        if (context.Settings.StaffChannelId is null)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NoStaffChannel"));
        }

        if (!string.IsNullOrWhiteSpace(when))
        {
            if (post.IsRecurring)
            {
                return DeskOutcome.Refused(ContentText.Get(culture, "RecurringWhen", post.Repeat));
            }

            if (PublishWhen.Parse(when, context.Settings.Zone, context.Now) is PublishWhen.Invalid invalid)
            {
                return DeskOutcome.Refused(ContentText.Get(culture, invalid.Key, invalid.Args));
            }
        }

        var rendered = PostRenderer.Render(post, context.Community.Platform);
        var limit = PostRenderer.Limit(context.Community.Platform);
        if (rendered.Length > limit)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "TooLong", post.Id, rendered.Length, limit));
        }

        var submitted = post with { State = PostState.Submitted, RequestedWhen = string.IsNullOrWhiteSpace(when) ? null : when.Trim(), RejectReason = null };
        if (!await store.SaveAsync(submitted, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var card = new PostToStaff(
            context.Community,
            ReviewCard(submitted, context),
            [
                new Button(ContentText.Get(culture, "ApproveButton"), $"post:approve:{post.Id}", ButtonStyle.Success),
                new Button(ContentText.Get(culture, "RejectButton"), $"post:reject:{post.Id}", ButtonStyle.Danger),
            ]) { Correlation = new Correlation(post.Id, Review: true).ToString() };
        return new DeskOutcome(ContentText.Get(culture, "Submitted", post.Id, post.Title), [card]);
    }

    public async Task<DeskOutcome> ApproveAsync(EventContext context, Post post, UserRef by, string? when, CancellationToken ct)
    {
        var culture = context.Culture;
        var zone = context.Settings.Zone;
        if (!permissions.Allows(context.ActorRoles, Permission.ApproveContent))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotApprover"));
        }

        if (post.Author == by)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "OwnPost", post.Id));
        }

        if (post.State != PostState.Submitted)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotSubmitted", post.Id, ContentText.State(post.State, culture)));
        }

        ScheduleTimer timer;
        DateTimeOffset at;
        string note;
        if (post.Repeat is { } repeat && Recurrence.TryParse(repeat, out var rule))
        {
            if (!string.IsNullOrWhiteSpace(when))
            {
                return DeskOutcome.Refused(ContentText.Get(culture, "RecurringWhen", repeat));
            }

            at = rule.Next(context.Now, zone);
            timer = new ScheduleTimer(context.Community, Feature, post.Id.ToString(CultureInfo.InvariantCulture), context.Now, Cron: rule.ToCron(), TimeZone: zone.Id);
            note = ContentText.Get(culture, "RepeatsNote", rule);
        }
        else
        {
            var chosen = await ChooseAsync(context, post, string.IsNullOrWhiteSpace(when) ? post.RequestedWhen : when, ct);
            if (chosen.Error is { } error)
            {
                return DeskOutcome.Refused(error);
            }

            (at, note) = (chosen.At, chosen.Note);
            timer = new ScheduleTimer(context.Community, Feature, post.Id.ToString(CultureInfo.InvariantCulture), at);
        }

        var approved = post with { State = PostState.Scheduled, ScheduledFor = at, ReviewedBy = by, RejectReason = null };
        if (!await store.SaveAsync(approved, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var local = ContentText.Local(at, zone, culture);
        var channels = string.Join(", ", post.Channels.Select(c => "#" + c));
        var text = ContentText.Get(culture, "Approved", post.Id, post.Title, local, zone.Id, channels, note).TrimEnd();
        List<BotAction> actions =
        [
            timer,
            new DirectMessage(context.Community, post.Author, ContentText.Get(culture, "ApprovedAuthor", post.Id, post.Title, local, zone.Id)),
        ];
        actions.AddRange(CloseReviewCard(approved, context, text));
        return new DeskOutcome(text, actions);
    }

    public async Task<DeskOutcome> RejectAsync(EventContext context, Post post, UserRef by, string reason, CancellationToken ct)
    {
        var culture = context.Culture;
        if (!permissions.Allows(context.ActorRoles, Permission.ApproveContent))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotApprover"));
        }

        if (post.State != PostState.Submitted)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotSubmitted", post.Id, ContentText.State(post.State, culture)));
        }

        var rejected = post with { State = PostState.Rejected, ReviewedBy = by, RejectReason = reason };
        if (!await store.SaveAsync(rejected, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var text = ContentText.Get(culture, "Rejected", post.Id, post.Title, reason);
        List<BotAction> actions =
        [
            new DirectMessage(context.Community, post.Author, ContentText.Get(culture, "RejectedAuthor", post.Id, post.Title, reason, by.Id)),
        ];
        actions.AddRange(CloseReviewCard(rejected, context, text));
        return new DeskOutcome(text, actions);
    }

    /// <summary>The best free hour by measured activity in the post's channels, or null when none is free.</summary>
    public async Task<(DateTimeOffset At, long Count)?> PeakSlotAsync(EventContext context, IReadOnlyList<string> channels, long? exceptPost, CancellationToken ct)
    {
        var zone = context.Settings.Zone;
        var histogram = await store.HistogramAsync(
            context.Community, channels, context.Settings.TimeZone, context.Now - TimeSpan.FromDays(options.HistoryDays), ct);
        var taken = await TakenAsync(context, exceptPost, context.Now + options.PeakHorizon, ct);
        var slot = PeakPlanner.NextSlot(histogram, zone, context.Now, taken, options.PeakHorizon, MinimumLead);
        if (slot is not { } at)
        {
            return null;
        }

        var local = ZonedTime.ToLocal(at, zone);
        return (at, histogram[local.DayOfWeek, local.Hour]);
    }

    /// <summary>Times already given to scheduled posts (recurring ones at each occurrence) up to <paramref name="until"/>.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset At, Post Post)>> UpcomingAsync(EventContext context, DateTimeOffset until, CancellationToken ct)
    {
        var zone = context.Settings.Zone;
        var upcoming = new List<(DateTimeOffset, Post)>();
        foreach (var post in await store.ListAsync(context.Community, PostState.Scheduled, 500, ct))
        {
            if (post.Repeat is { } repeat && Recurrence.TryParse(repeat, out var rule))
            {
                upcoming.AddRange(rule.Between(context.Now, until, zone).Select(at => (at, post)));
            }
            else if (post.ScheduledFor is { } at && at < until)
            {
                upcoming.Add((at, post));
            }
        }

        return [.. upcoming.OrderBy(u => u.Item1).ThenBy(u => u.Item2.Id)];
    }

    /// <summary>The staff channel's review message, buttons removed, with the outcome beneath.</summary>
    public static IEnumerable<BotAction> CloseReviewCard(Post post, EventContext context, string outcome)
    {
        if (post.ReviewChannelId is { } channel && post.ReviewMessageId is { } message)
        {
            yield return new EditMessage(context.Community, channel, message, ReviewCard(post, context) + "\n\n" + outcome, []);
        }
    }

    private static string ReviewCard(Post post, EventContext context)
    {
        var culture = context.Culture;
        var when = post.Repeat is { } repeat ? ContentText.Get(culture, "RepeatsNote", repeat) : post.RequestedWhen ?? "peak";
        var tags = post.Tags.Count == 0 ? string.Empty : " " + string.Join(' ', post.Tags.Select(t => "#" + t));
        return ContentText.Get(
            culture, "ReviewCard", post.Id, post.Title, post.Author.Id, string.Join(", ", post.Channels.Select(c => "#" + c)), when, post.Body + tags);
    }

    private async Task<(DateTimeOffset At, string Note, string? Error)> ChooseAsync(EventContext context, Post post, string? when, CancellationToken ct)
    {
        var culture = context.Culture;
        switch (PublishWhen.Parse(when, context.Settings.Zone, context.Now))
        {
            case PublishWhen.Invalid invalid:
                return (default, string.Empty, ContentText.Get(culture, invalid.Key, invalid.Args));
            case PublishWhen.Now:
                return (context.Now, string.Empty, null);
            case PublishWhen.At at:
                return (at.Instant, string.Empty, null);
            default:
                var slot = await PeakSlotAsync(context, post.Channels, post.Id, ct);
                return slot is { } found
                    ? (found.At, ContentText.Get(culture, "PeakNote", found.Count, options.HistoryDays), null)
                    : (default, string.Empty, ContentText.Get(culture, "NoPeakSlot", options.PeakHorizonDays));
        }
    }

    private async Task<IReadOnlyList<DateTimeOffset>> TakenAsync(EventContext context, long? exceptPost, DateTimeOffset until, CancellationToken ct) =>
        [.. (await UpcomingAsync(context, until, ct)).Where(u => u.Post.Id != exceptPost).Select(u => u.At)];
}
