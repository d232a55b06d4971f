using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Content;

/// <summary>
/// Changes to a published post. An edit becomes a pending <see cref="Revision"/> that goes to the staff channel with
/// Approve / Reject buttons; a manager other than the revision's author approves it, and only then are the live
/// messages edited (the post stays published). Every decision first saves the post under its version check, so two
/// decisions about one post never both go through.
/// </summary>
public sealed class RevisionDesk(IContentStore store, PermissionTable permissions)
{
    /// <summary>What a published post can still change; channels and repetition would need new messages.</summary>
    private static readonly string[] Revisable = ["title", "body", "tags", "pin"];

    public async Task<DeskOutcome> ReviseAsync(EventContext context, Post post, UserRef by, string field, string value, CancellationToken ct)
    {
        var culture = context.Culture;
        if (!Revisable.Contains(field))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotRevisable", post.Id, field));
        }

        if (context.Settings.StaffChannelId is null)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NoStaffChannel"));
        }

        // A newer edit builds on the one still waiting, and replaces it in review.
        var pending = await store.PendingRevisionAsync(post.Id, ct);
        var (edited, error) = PostInput.Change(pending?.AppliedTo(post) ?? post, field, value);
        if (error is not null)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, error));
        }

        var rendered = PostRenderer.Render(edited!, context.Community.Platform);
        var limit = PostRenderer.Limit(context.Community.Platform);
        if (rendered.Length > limit)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "TooLong", post.Id, rendered.Length, limit));
        }

        var revision = Revision.Of(edited!, by, context.Now);
        if (pending is null && revision.SameContentAs(post))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "RevisionUnchanged", post.Id));
        }

        if (!await store.SaveAsync(post, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var actions = new List<BotAction>();
        if (pending is not null)
        {
            var superseded = pending with { State = RevisionState.Superseded, DecidedAt = context.Now };
            if (!await store.SaveRevisionAsync(superseded, ct))
            {
                return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
            }

            actions.AddRange(CloseCard(superseded, post, context, ContentText.Get(culture, "RevisionSuperseded", pending.Id)));
        }

        var added = await store.AddRevisionAsync(revision, ct);
        actions.Add(new PostToStaff(
            context.Community,
            Card(added, post, context),
            [
                new Button(ContentText.Get(culture, "ApproveButton"), $"post:approve-edit:{added.Id}", ButtonStyle.Success),
                new Button(ContentText.Get(culture, "RejectButton"), $"post:reject-edit:{added.Id}", ButtonStyle.Danger),
            ]) { Correlation = new Correlation(post.Id, Review: true, RevisionId: added.Id).ToString() });
        return new DeskOutcome(ContentText.Get(culture, "RevisionSubmitted", post.Id, added.Id, field), actions);
    }

    /// <summary><c>/post approve</c> on a published post: its pending revision. A revision applies when approved, so no time.</summary>
    public async Task<DeskOutcome> ApprovePendingAsync(EventContext context, Post post, UserRef by, string? when, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(when))
        {
            return DeskOutcome.Refused(ContentText.Get(context.Culture, "RevisionWhen", post.Id));
        }

        return await store.PendingRevisionAsync(post.Id, ct) is { } pending
            ? await ApproveAsync(context, post, pending, by, ct)
            : DeskOutcome.Refused(ContentText.Get(context.Culture, "NoPendingRevision", post.Id));
    }

    public async Task<DeskOutcome> RejectPendingAsync(EventContext context, Post post, UserRef by, string reason, CancellationToken ct) =>
        await store.PendingRevisionAsync(post.Id, ct) is { } pending
            ? await RejectAsync(context, post, pending, by, reason, ct)
            : DeskOutcome.Refused(ContentText.Get(context.Culture, "NoPendingRevision", post.Id));

    public async Task<DeskOutcome> ApproveAsync(EventContext context, Post post, Revision revision, UserRef by, CancellationToken ct)
    {
        var culture = context.Culture;
        if (Refusal(context, post, revision) is { } refused)
        {
            return refused;
        }

        if (revision.Author == by)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "OwnRevision", revision.Id, post.Id));
        }

        var updated = revision.AppliedTo(post);
        var approved = revision with { State = RevisionState.Approved, ReviewedBy = by, DecidedAt = context.Now };
        if (!await store.SaveAsync(updated, ct) || !await store.SaveRevisionAsync(approved, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        // Pin changes only when the revision changed it; the platform keeps it otherwise.
        bool? pin = updated.Pin == post.Pin ? null : updated.Pin;
        var text = PostRenderer.Render(updated, context.Community.Platform);
        var publications = await store.PublicationsAsync(post.Id, ct);
        var outcome = ContentText.Get(culture, "RevisionApproved", revision.Id, post.Id, publications.Count);
        List<BotAction> actions =
        [
            .. publications.Select(p => new EditMessage(context.Community, p.ChannelId, p.MessageId, text, Formatted: true, Pin: pin)),
            new DirectMessage(context.Community, revision.Author, ContentText.Get(culture, "RevisionApprovedAuthor", revision.Id, post.Id, updated.Title, by.Id)),
        ];
        actions.AddRange(CloseCard(approved, post, context, outcome));
        return new DeskOutcome(outcome, actions);
    }

    public async Task<DeskOutcome> RejectAsync(EventContext context, Post post, Revision revision, UserRef by, string reason, CancellationToken ct)
    {
        var culture = context.Culture;
        if (Refusal(context, post, revision) is { } refused)
        {
            return refused;
        }

        var rejected = revision with { State = RevisionState.Rejected, ReviewedBy = by, RejectReason = reason, DecidedAt = context.Now };
        if (!await store.SaveAsync(post, ct) || !await store.SaveRevisionAsync(rejected, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var outcome = ContentText.Get(culture, "RevisionRejected", revision.Id, post.Id, reason);
        List<BotAction> actions =
        [
            new DirectMessage(context.Community, revision.Author, ContentText.Get(culture, "RevisionRejectedAuthor", revision.Id, post.Id, post.Title, reason, by.Id)),
        ];
        actions.AddRange(CloseCard(rejected, post, context, outcome));
        return new DeskOutcome(outcome, actions);
    }

    private DeskOutcome? Refusal(EventContext context, Post post, Revision revision)
    {
        var culture = context.Culture;
        if (!permissions.Allows(context.ActorRoles, Permission.ApproveContent))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotApprover"));
        }

        if (revision.State != RevisionState.Pending || revision.PostId != post.Id)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "RevisionNotPending", revision.Id, ContentText.Get(culture, "RevisionState" + revision.State)));
        }

        return post.State == PostState.Published
            ? null
            : DeskOutcome.Refused(ContentText.Get(culture, "RevisionNotPublished", revision.Id, post.Id, ContentText.State(post.State, culture)));
    }

    private static IEnumerable<BotAction> CloseCard(Revision revision, Post post, EventContext context, string outcome)
    {
        if (revision.ReviewChannelId is { } channel && revision.ReviewMessageId is { } message)
        {
            yield return new EditMessage(context.Community, channel, message, Card(revision, post, context) + "\n\n" + outcome, []);
        }
    }

    /// <summary>The staff channel's card: what changes against the live post, then the revised post in full.</summary>
    private static string Card(Revision revision, Post post, EventContext context)
    {
        var culture = context.Culture;
        var changed = new List<string>();
        if (revision.Title != post.Title)
        {
            changed.Add("title");
        }

        if (revision.Body != post.Body)
        {
            changed.Add("body");
        }

        if (!revision.Tags.SequenceEqual(post.Tags))
        {
            changed.Add("tags");
        }

        if (revision.Pin != post.Pin)
        {
            changed.Add(revision.Pin ? "pin on" : "pin off");
        }

        var tags = revision.Tags.Count == 0 ? string.Empty : " " + string.Join(' ', revision.Tags.Select(t => "#" + t));
        return ContentText.Get(
            culture, "RevisionCard", post.Id, revision.Id, revision.Author.Id, string.Join(", ", changed), revision.Title,
            revision.Body + tags, string.Join(", ", post.Channels.Select(c => "#" + c)));
    }
}
