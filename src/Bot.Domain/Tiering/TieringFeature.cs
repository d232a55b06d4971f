using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Tiering;

/// <summary>
/// Activity points from messages, replies and reactions; the daily recomputation (a recurring timer per
/// community, scheduled when the community is first seen); managers' decisions on opinion-leader nominations.
/// </summary>
public sealed class TieringFeature(ITieringStore store, TierPoints points, TieringOptions options, PermissionTable permissions, IMessageLog messages) : IFeature
{
    public const string TimerFeature = "tiering";
    public const string RecomputeKey = "recompute";

    public string Name => "tiering";

    public int Order => 300;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        var actions = new List<BotAction>();
        if (context.Event is MessagePosted or CommandInvoked or MemberJoined)
        {
            await EnsureScheduledAsync(context, actions, ct);
        }

        switch (context.Event)
        {
            case MessagePosted { IsDirect: false } message when !context.MessageFiltered:
                await OnMessageAsync(message, ct);
                break;
            case ReactionAdded reaction:
                await OnReactionAsync(reaction, context, ct);
                break;
            case TimerFired { Feature: TimerFeature, Key: RecomputeKey }:
                await RecomputeAsync(context, actions, ct);
                break;
            case ButtonPressed press when press.Data.StartsWith("tier:", StringComparison.Ordinal):
                await OnButtonAsync(press, context, actions, ct);
                break;
        }

        return actions;
    }

    /// <summary>The community's settings, with the configured defaults for one that has none yet.</summary>
    public static async Task<TierCommunity> SettingsAsync(ITieringStore store, CommunityRef community, TieringOptions options, CancellationToken ct) =>
        await store.GetCommunityAsync(community, ct) ?? new TierCommunity(community, options.DefaultThresholds, null, false);

    /// <summary>Midnight of <paramref name="at"/>'s day in the community's time zone (daily limits reset then).</summary>
    public static DateTimeOffset DayStart(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return new DateTimeOffset(local.Date, zone.GetUtcOffset(local.Date));
    }

    private async Task EnsureScheduledAsync(EventContext context, List<BotAction> actions, CancellationToken ct)
    {
        var settings = await store.GetCommunityAsync(context.Community, ct);
        if (settings is { RecomputeScheduled: true })
        {
            return;
        }

        settings ??= new TierCommunity(context.Community, options.DefaultThresholds, null, false);
        await store.SaveCommunityAsync(settings with { RecomputeScheduled = true }, ct);
        actions.Add(new ScheduleTimer(
            context.Community, TimerFeature, RecomputeKey, context.Now, Cron: options.RecomputeCron, TimeZone: context.Settings.TimeZone));
    }

    private async Task OnMessageAsync(MessagePosted message, CancellationToken ct)
    {
        var author = message.Author.User;
        var standing = await store.GetAsync(message.Community, author, forUpdate: true, ct);
        if (!MessageScoring.Earns(standing, message.Text, message.At, options))
        {
            return;
        }

        standing = (standing ?? TierStanding.New(message.Community, author, message.At))
            .Add(PointKind.Message, options.MessagePoints, message.At, options.HalfLife)
            with { LastMessageAt = message.At, LastMessageHash = MessageScoring.Fingerprint(message.Text) };
        await store.SaveAsync(standing, ct);

        // A reply earns its target points only when the reply itself counted, so the cooldown limits both.
        if (message.ReplyToUser is { } target && target != author)
        {
            await points.AddActivityAsync(message.Community, target, PointKind.Reply, options.ReplyPoints, message.At, ct);
        }
    }

    private async Task OnReactionAsync(ReactionAdded reaction, EventContext context, CancellationToken ct)
    {
        // Telegram does not say whose message was reacted to: the message log does.
        var author = reaction.MessageAuthor ?? await messages.AuthorOfAsync(reaction.Community, reaction.ChannelId, reaction.MessageId, ct);
        if (author is null || author == reaction.By)
        {
            return;
        }

        var today = DayStart(reaction.At, context.Settings.Zone);
        if (await store.CountReactionsGivenAsync(reaction.Community, reaction.By, today, ct) >= options.ReactionsGivenPerDay
            || !await store.MarkReactionAsync(reaction.Community, reaction.ChannelId, reaction.MessageId, reaction.By, reaction.At, ct))
        {
            return;
        }

        await points.AddActivityAsync(reaction.Community, author.Value, PointKind.Reaction, options.ReactionPoints, reaction.At, ct);
    }

    private async Task RecomputeAsync(EventContext context, List<BotAction> actions, CancellationToken ct)
    {
        var settings = await SettingsAsync(store, context.Community, options, ct);
        var result = await store.RecomputeAsync(context.Community, options.PolicyFor(settings.Thresholds), context.Now, ct);
        foreach (var change in result.Changes)
        {
            actions.AddRange(TierActions.Change(context.Community, change, options, settings.AnnounceChannelId, context.Culture));
        }

        actions.AddRange(result.Nominations.Select(n => TierActions.Nominate(context.Community, n, context.Culture)));
    }

    private async Task OnButtonAsync(ButtonPressed press, EventContext context, List<BotAction> actions, CancellationToken ct)
    {
        var parts = press.Data.Split(':');
        if (parts.Length != 3 || parts[1] is not ("approve" or "reject")
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }

        var culture = context.Culture;
        if (!permissions.Allows(context.ActorRoles, Permission.ManageTiers))
        {
            actions.Add(Answer(press, TieringText.Get(culture, "NotManager")));
            return;
        }

        var approved = parts[1] == "approve";
        var nomination = await store.DecideNominationAsync(press.Community, id, approved, press.By.User, context.Now, ct);
        if (nomination is null)
        {
            actions.Add(Answer(press, TieringText.Get(culture, "NominationDecided")));
            return;
        }

        var by = press.By.DisplayName;
        if (approved)
        {
            var standing = await store.GetAsync(press.Community, nomination.User, forUpdate: true, ct)
                ?? TierStanding.New(press.Community, nomination.User, context.Now);
            await store.SaveAsync(standing.DecayedTo(context.Now, options.HalfLife) with { Tier = Tier.OpinionLeader, BelowSince = null }, ct);
            var settings = await SettingsAsync(store, press.Community, options, ct);
            var change = new TierChange(nomination.User, nomination.DisplayName, standing.Tier, Tier.OpinionLeader);
            actions.AddRange(TierActions.Change(press.Community, change, options, settings.AnnounceChannelId, culture));
        }

        var key = approved ? "NominationApproved" : "NominationRejected";
        actions.Add(new EditMessage(press.Community, press.ChannelId, press.MessageId, TieringText.Get(culture, key, nomination.DisplayName, by)));
    }

    private static Reply Answer(ButtonPressed press, string text) =>
        new(press.Community, press.ChannelId, text, Ephemeral: true, InteractionId: press.InteractionId, To: press.By.User);
}
