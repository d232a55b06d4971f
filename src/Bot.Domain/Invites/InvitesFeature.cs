using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Tiering;

namespace Bot.Domain.Invites;

/// <summary>
/// Stores links as the platform creates them, attributes joins, counts invitees' messages, and on each
/// invitee's timer qualifies and rewards them. The reward is paid once: the timer event is de-duplicated,
/// the status moves from pending only once, and the points carry the join as their ledger reference.
/// </summary>
public sealed class InvitesFeature(IInviteStore store, IMemberStore members, TierPoints points, InvitesOptions options, TieringOptions tiering) : IFeature
{
    public const string TimerFeature = "invites";
    public const string CorrelationPrefix = "invites:link:";
    private const string QualifyPrefix = "qualify:";

    public string Name => "invites";

    public int Order => 310;

    public static string QualifyKey(long joinId) => QualifyPrefix + joinId.ToString(CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        switch (context.Event)
        {
            case MessagePosted { IsDirect: false } message when !context.MessageFiltered:
                if (MessageScoring.Words(message.Text) >= tiering.MinMessageWords)
                {
                    await store.CountMessageAsync(message.Community, message.Author.User, ct);
                }

                break;
            case MemberJoined joined:
                return await OnJoinedAsync(joined, ct);
            case MemberLeft left:
                await store.MarkLeftAsync(left.Community, left.User, left.At, ct);
                break;
            case ActionCompleted completed when completed.Correlation.StartsWith(CorrelationPrefix, StringComparison.Ordinal):
                return await OnLinkCreatedAsync(completed, context, ct);
            case TimerFired { Feature: TimerFeature } timer when timer.Key.StartsWith(QualifyPrefix, StringComparison.Ordinal):
                return await OnQualifyAsync(timer, context, ct);
        }

        return FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> OnJoinedAsync(MemberJoined joined, CancellationToken ct)
    {
        if (joined.InviteCode is not { } code || await store.FindLinkAsync(joined.Community, InviteRules.CodeOf(code), ct) is not { } link)
        {
            return FeatureResults.None;
        }

        var user = joined.Member.User;
        // The members feature ran first: a member first seen before this join was here before (the second
        // allows for the database storing times to the microsecond).
        var seenBefore = await store.HasJoinedBeforeAsync(joined.Community, user, ct)
            || (await members.GetAsync(joined.Community, user, ct))?.FirstSeen < joined.At.AddSeconds(-1);
        var status = InviteRules.Classify(joined.Member, link.Owner, joined.At, seenBefore, options);
        var id = await store.AddJoinAsync(
            new InviteJoin(0, joined.Community, user, joined.Member.DisplayName, link.Code, link.Owner, joined.At, joined.InviteCertain, status), ct);
        return status == InviteStatus.Pending
            ? [new ScheduleTimer(joined.Community, TimerFeature, QualifyKey(id), joined.At + options.QualifyAfter)]
            : FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> OnLinkCreatedAsync(ActionCompleted completed, EventContext context, CancellationToken ct)
    {
        if (await store.TakeRequestAsync(completed.Correlation, ct) is not { } request)
        {
            return FeatureResults.None;
        }

        string text;
        if (completed.Succeeded && completed.Value is { Length: > 0 } url)
        {
            await store.SaveLinkAsync(new InviteLink(completed.Community, InviteRules.CodeOf(url), url, request.User, context.Now), ct);
            text = InvitesText.Get(context.Culture, "InviteLink", url, options.QualifyAfterDays, options.MinMessages);
        }
        else
        {
            text = InvitesText.Get(context.Culture, "InviteFailed");
        }

        return [new Reply(completed.Community, request.ChannelId, text, request.MessageId, Ephemeral: true, InteractionId: request.InteractionId, ThreadId: request.ThreadId, To: request.User)];
    }

    private async Task<IReadOnlyList<BotAction>> OnQualifyAsync(TimerFired timer, EventContext context, CancellationToken ct)
    {
        if (!long.TryParse(timer.Key[QualifyPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await store.GetJoinAsync(timer.Community, id, forUpdate: true, ct) is not { } join)
        {
            return FeatureResults.None;
        }

        var now = context.Now;
        var (check, retryAt) = InviteRules.Evaluate(join, now, options);
        switch (check)
        {
            case InviteCheck.Wait:
                return [new ScheduleTimer(timer.Community, TimerFeature, timer.Key, retryAt)];
            case InviteCheck.Expire:
                await store.MoveAsync(timer.Community, id, InviteStatus.Pending, InviteStatus.Expired, now, ct);
                return FeatureResults.None;
            case InviteCheck.Qualify:
                return await RewardAsync(join, context, ct);
            default:
                return FeatureResults.None;
        }
    }

    private async Task<IReadOnlyList<BotAction>> RewardAsync(InviteJoin join, EventContext context, CancellationToken ct)
    {
        var culture = context.Culture;
        var inviterName = (await members.GetAsync(join.Community, join.Inviter, ct))?.DisplayName ?? join.Inviter.Id;
        if (!join.Certain)
        {
            // Attribution by use counts was ambiguous: staff check it and reward by hand.
            return await store.MoveAsync(join.Community, join.Id, InviteStatus.Pending, InviteStatus.Qualified, context.Now, ct)
                ? [new PostToStaff(join.Community, InvitesText.Get(culture, "RewardUncertain", inviterName, join.DisplayName, join.Messages))]
                : FeatureResults.None;
        }

        if (!await store.MoveAsync(join.Community, join.Id, InviteStatus.Pending, InviteStatus.Rewarded, context.Now, ct))
        {
            return FeatureResults.None;
        }

        var credited = await points.CreditAsync(
            new PointEntry(join.Community, join.Inviter, context.Now, PointKind.Invite, options.RewardPoints, null, $"invite:{join.Id}", join.User.Id), ct);
        if (credited is null)
        {
            return FeatureResults.None;
        }

        var reward = TieringText.Points(options.RewardPoints);
        return
        [
            new PostToStaff(join.Community, InvitesText.Get(culture, "RewardNote", inviterName, join.DisplayName, join.Messages, reward)),
            new DirectMessage(join.Community, join.Inviter, InvitesText.Get(culture, "Rewarded", join.DisplayName, reward)),
        ];
    }
}
