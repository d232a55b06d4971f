using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Content;

/// <summary><c>/post …</c>, <c>/calendar</c> and <c>/peak</c>: drafting, review, the calendar and measured peak hours.</summary>
public sealed class ContentCommands(
    IContentStore store, ContentDesk desk, RevisionDesk revisions, ContentOptions options, PermissionTable permissions, ChatTrust chats) : ICommandHandler
{
    private static readonly string[] Fields = ["title", "body", "tags", "channels", "pin", "repeat"];
    private static readonly string[] States = [.. Enum.GetNames<PostState>().Select(s => s.ToLowerInvariant())];
    private static readonly OptionSpec Id = new("id", OptionKind.Integer, "OptionId", Min: 1);

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("post", "PostDescription", Permission.DraftContent, ContentText.Texts, Subcommands:
        [
            new("new", "PostNewDescription", Permission.DraftContent, ContentText.Texts, [new("content", OptionKind.Text, "OptionContent")]),
            new("edit", "PostEditDescription", Permission.DraftContent, ContentText.Texts,
            [
                Id,
                new("field", OptionKind.Choice, "OptionField", Choices: Fields),
                new("value", OptionKind.Text, "OptionValue", Required: false),
            ]),
            new("show", "PostShowDescription", Permission.DraftContent, ContentText.Texts, [Id]),
            new("submit", "PostSubmitDescription", Permission.DraftContent, ContentText.Texts, [Id, new("when", OptionKind.Text, "OptionWhen", Required: false)]),
            new("approve", "PostApproveDescription", Permission.ApproveContent, ContentText.Texts, [Id, new("when", OptionKind.Text, "OptionWhen", Required: false)]),
            new("reject", "PostRejectDescription", Permission.ApproveContent, ContentText.Texts, [Id, new("reason", OptionKind.Text, "OptionReason")]),
            new("list", "PostListDescription", Permission.DraftContent, ContentText.Texts, [new("state", OptionKind.Choice, "OptionState", Required: false, Choices: States)]),
            new("cancel", "PostCancelDescription", Permission.DraftContent, ContentText.Texts, [Id]),
            new("remove", "PostRemoveDescription", Permission.ApproveContent, ContentText.Texts, [Id]),
        ]),
        new("calendar", "CalendarDescription", Permission.DraftContent, ContentText.Texts, [new("days", OptionKind.Integer, "OptionDays", Required: false, Min: 1, Max: 31)]),
        new("peak", "PeakDescription", Permission.DraftContent, ContentText.Texts, [new("channel", OptionKind.Channel, "OptionChannel", Required: false)]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        switch (call.Path)
        {
            case "post new":
                return [call.Reply(await NewAsync(call, ct))];
            case "calendar":
                return [call.Reply(await CalendarAsync(call, ct), ephemeral: true)];
            case "peak":
                return [call.Reply(await PeakAsync(call, ct), ephemeral: true)];
            case "post list":
                return [call.Reply(await ListAsync(call, ct), ephemeral: true)];
        }

        var id = call.Options.Integer("id");
        if (await store.GetAsync(call.Community, id, ct) is not { } post)
        {
            return [call.Reply(ContentText.Get(culture, "NoSuchPost", id), ephemeral: true)];
        }

        DeskOutcome outcome = call.Path switch
        {
            "post edit" => await EditAsync(call, post, ct),
            "post show" => new(await ShowAsync(post, call, ct), []),
            "post submit" => await desk.SubmitAsync(call.Context, post, call.Caller.User, call.Options.OptionalText("when"), ct),
            "post approve" when post.State == PostState.Published =>
                await revisions.ApprovePendingAsync(call.Context, post, call.Caller.User, call.Options.OptionalText("when"), ct),
            "post approve" => await desk.ApproveAsync(call.Context, post, call.Caller.User, call.Options.OptionalText("when"), ct),
            "post reject" when post.State == PostState.Published =>
                await revisions.RejectPendingAsync(call.Context, post, call.Caller.User, call.Options.Text("reason"), ct),
            "post reject" => await desk.RejectAsync(call.Context, post, call.Caller.User, call.Options.Text("reason"), ct),
            "post cancel" => await CancelAsync(call, post, ct),
            _ => await RemoveAsync(call, post, ct),
        };
        return [call.Reply(outcome.Text, ephemeral: outcome.Actions.Count == 0 && call.Path != "post show"), .. outcome.Actions];
    }

    private async Task<string> NewAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var (parsed, error) = PostInput.ParseNew(call.Options.Text("content"));
        if (error is not null)
        {
            return ContentText.Get(culture, error);
        }

        var (channels, refusal) = parsed!.Channels is { } named ? await CheckChannelsAsync(call, named, ct) : ([call.Invocation.ChannelId], null);
        if (refusal is not null)
        {
            return refusal;
        }

        var post = await store.CreateAsync(
            new Post(0, call.Community, call.Caller.User, parsed.Title, parsed.Body, parsed.Tags, channels!, PostState.Draft, call.Context.Now),
            ct);
        return ContentText.Get(culture, "Created", post.Id, post.Title, string.Join(", ", post.Channels.Select(c => "#" + c)));
    }

    /// <summary>
    /// Every channel a post names must be one of the community's chats, where the bot is and the caller is an
    /// administrator (<see cref="ChatTrust"/>); the ids come back as the platform knows them (an @username becomes its id).
    /// </summary>
    private async Task<(IReadOnlyList<string>? Channels, string? Refusal)> CheckChannelsAsync(CommandCall call, IReadOnlyList<string> channels, CancellationToken ct)
    {
        var resolved = new List<string>();
        foreach (var channel in channels)
        {
            var check = await chats.ForTargetAsync(call.Community, channel, call.Caller.User, ct);
            if (check.Refusal is { } refusal)
            {
                return (null, ChatRefusals.Explain(call.Context.Culture, refusal, channel));
            }

            resolved.Add(check.ChatId);
        }

        return (resolved, null);
    }

    private async Task<DeskOutcome> EditAsync(CommandCall call, Post post, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (!MayChange(call, post))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotAuthor", post.Id));
        }

        var field = call.Options.Choice("field");
        var value = call.Options.OptionalText("value") ?? string.Empty;
        if (field == "channels" && PostInput.Channels(value).Channels is { } named)
        {
            var (channels, refusal) = await CheckChannelsAsync(call, named, ct);
            if (refusal is not null)
            {
                return DeskOutcome.Refused(refusal);
            }

            value = string.Join(' ', channels!);
        }

        if (post.State == PostState.Published)
        {
            return await revisions.ReviseAsync(call.Context, post, call.Caller.User, field, value, ct);
        }

        if (!post.IsEditable)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotEditable", post.Id, ContentText.State(post.State, culture)));
        }

        var result = PostInput.Change(post, field, value);
        if (result.ErrorKey is { } error)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, error));
        }

        // A change after review goes back to draft: what the manager approves is what is published.
        var edited = result.Edited! with { State = PostState.Draft };
        if (!await store.SaveAsync(edited, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var text = ContentText.Get(culture, "Edited", post.Id, field);
        return new DeskOutcome(text, post.State == PostState.Submitted ? [.. ContentDesk.CloseReviewCard(post, call.Context, text)] : []);
    }

    private async Task<DeskOutcome> CancelAsync(CommandCall call, Post post, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (!MayChange(call, post))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NotAuthor", post.Id));
        }

        if (post.State is PostState.Published or PostState.Cancelled or PostState.Missed)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "CannotCancel", post.Id, ContentText.State(post.State, culture)));
        }

        var cancelled = post with { State = PostState.Cancelled };
        if (!await store.SaveAsync(cancelled, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        var text = ContentText.Get(culture, "Cancelled", post.Id, post.Title);
        var actions = new List<BotAction>();
        if (post.State == PostState.Scheduled)
        {
            actions.Add(new CancelTimer(call.Community, ContentDesk.Feature, post.Id.ToString(CultureInfo.InvariantCulture)));
        }

        if (post.State == PostState.Submitted)
        {
            actions.AddRange(ContentDesk.CloseReviewCard(post, call.Context, text));
        }

        return new DeskOutcome(text, actions);
    }

    private async Task<DeskOutcome> RemoveAsync(CommandCall call, Post post, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var publications = await store.PublicationsAsync(post.Id, ct);
        if (publications.Count == 0)
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "NothingPublished", post.Id));
        }

        var removed = post with { State = PostState.Cancelled };
        if (!await store.SaveAsync(removed, ct))
        {
            return DeskOutcome.Refused(ContentText.Get(culture, "Conflict", post.Id));
        }

        await store.RemovePublicationsAsync(post.Id, ct);
        var reason = ContentText.Get(culture, "RemoveReason", post.Id, call.Caller.User.Id);
        List<BotAction> actions = [.. publications.Select(p => new DeleteMessage(call.Community, p.ChannelId, p.MessageId, reason))];
        if (post.State == PostState.Scheduled)
        {
            actions.Add(new CancelTimer(call.Community, ContentDesk.Feature, post.Id.ToString(CultureInfo.InvariantCulture)));
        }

        return new DeskOutcome(ContentText.Get(culture, "Removed", post.Id, publications.Count), actions);
    }

    private async Task<string> ShowAsync(Post post, CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var zone = call.Context.Settings.Zone;
        var when = post switch
        {
            { Repeat: { } repeat } => ContentText.Get(culture, "RepeatsNote", repeat),
            { ScheduledFor: { } at } => ContentText.Local(at, zone, culture),
            _ => post.RequestedWhen ?? "—",
        };
        var text = new StringBuilder(ContentText.Get(
            culture, "ShowHeader", post.Id, post.Title, ContentText.State(post.State, culture), post.Author.Id,
            string.Join(", ", post.Channels.Select(c => "#" + c)), when, post.Pin ? ContentText.Get(culture, "Pinned") : string.Empty));
        if (post.RejectReason is { } reason && post.State == PostState.Rejected)
        {
            text.AppendLine().Append(ContentText.Get(culture, "RejectedBecause", reason));
        }

        if (post.LastOccurrence is not null)
        {
            var engagement = await store.EngagementAsync(post.Id, ct);
            text.AppendLine().Append(ContentText.Get(culture, "Engagement", engagement.Reactions, engagement.Replies));
        }

        if (post.State == PostState.Published && await store.PendingRevisionAsync(post.Id, ct) is { } pending)
        {
            text.AppendLine().Append(ContentText.Get(culture, "RevisionPendingNote", pending.Id, pending.Author.Id));
        }

        text.AppendLine().AppendLine().AppendLine(ContentText.Get(culture, "PreviewDiscord", PostRenderer.Discord(post).Length, PostRenderer.DiscordLimit))
            .AppendLine(PostRenderer.Discord(post))
            .AppendLine()
            .AppendLine(ContentText.Get(culture, "PreviewTelegram", PostRenderer.Telegram(post).Length, PostRenderer.TelegramLimit))
            .Append(PostRenderer.Telegram(post));
        return text.ToString();
    }

    private async Task<string> ListAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        PostState? state = call.Options.OptionalChoice("state") is { } name ? Enum.Parse<PostState>(name, ignoreCase: true) : null;
        var posts = await store.ListAsync(call.Community, state, 25, ct);
        if (posts.Count == 0)
        {
            return ContentText.Get(culture, "ListEmpty");
        }

        var zone = call.Context.Settings.Zone;
        var text = new StringBuilder(ContentText.Get(culture, "ListHeader"));
        foreach (var post in posts)
        {
            var when = post.ScheduledFor is { } at && post.State is PostState.Scheduled or PostState.Published or PostState.Missed
                ? " · " + ContentText.Local(at, zone, culture)
                : string.Empty;
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"#{post.Id} [{ContentText.State(post.State, culture)}] {post.Title} — {post.Author.Id}{when}");
        }

        return text.ToString();
    }

    private async Task<string> CalendarAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var zone = call.Context.Settings.Zone;
        var days = (int)(call.Options.OptionalInteger("days") ?? 7);
        var upcoming = await desk.UpcomingAsync(call.Context, call.Context.Now + TimeSpan.FromDays(days), ct);
        if (upcoming.Count == 0)
        {
            return ContentText.Get(culture, "CalendarEmpty", days);
        }

        var text = new StringBuilder(ContentText.Get(culture, "CalendarHeader", days, zone.Id));
        foreach (var day in upcoming.GroupBy(u => ZonedTime.ToLocal(u.At, zone).Date))
        {
            text.AppendLine().Append(culture.DateTimeFormat.GetAbbreviatedDayName(day.Key.DayOfWeek)).Append(' ')
                .Append(day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var (at, post) in day)
            {
                var repeat = post.IsRecurring ? " ↻" : string.Empty;
                text.AppendLine().Append(CultureInfo.InvariantCulture,
                    $"  {ZonedTime.ToLocal(at, zone):HH:mm} #{post.Id} {post.Title}{repeat} → {string.Join(", ", post.Channels.Select(c => "#" + c))}");
            }
        }

        return text.ToString();
    }

    private async Task<string> PeakAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var zone = call.Context.Settings.Zone;
        IReadOnlyList<string> channels = call.Options.OptionalChannel("channel") is { } channel ? [channel] : [];
        var histogram = await store.HistogramAsync(
            call.Community, channels, call.Context.Settings.TimeZone, call.Context.Now - TimeSpan.FromDays(options.HistoryDays), ct);
        var top = histogram.Top(5);
        if (top.Count == 0)
        {
            return ContentText.Get(culture, "PeakEmpty", options.HistoryDays);
        }

        var scope = channels.Count == 0 ? ContentText.Get(culture, "AllChannels") : "#" + channels[0];
        var text = new StringBuilder(ContentText.Get(culture, "PeakHeader", scope, options.HistoryDays, zone.Id));
        foreach (var (day, hour, count) in top)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"{culture.DateTimeFormat.GetAbbreviatedDayName(day)} {hour:00}:00–{(hour + 1) % 24:00}:00 · {count}");
        }

        if (await desk.PeakSlotAsync(call.Context, channels, null, ct) is { } next)
        {
            text.AppendLine().Append(ContentText.Get(culture, "PeakNext", ContentText.Local(next.At, zone, culture)));
        }

        return text.ToString();
    }

    /// <summary>The author changes their own posts; whoever approves content may change anyone's.</summary>
    private bool MayChange(CommandCall call, Post post) =>
        post.Author == call.Caller.User || permissions.Allows(call.Context.ActorRoles, Permission.ApproveContent);
}
