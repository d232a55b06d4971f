using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Moderation;

/// <summary>
/// Appeals and pardons: a member appeals their own infraction once; it goes to the staff channel with accept
/// and deny buttons; a moderator other than the one who acted decides. Accepting pardons the infraction and
/// lifts a timeout or ban still running.
/// </summary>
public sealed class Appeals(IModerationStore store, IAuditLog audit, Privacy.Pseudonyms pseudonyms, Tickets.IAppealDesk? desk = null)
{
    /// <summary>The case reference an appeal ticket carries back to <see cref="ModerationAppealOutcomes"/>.</summary>
    public const string CasePrefix = "appeal:";

    /// <summary>Files an appeal; returns the actions and the answer for the member (an error text when refused).</summary>
    public async Task<(IReadOnlyList<BotAction> Actions, string Answer)> FileAsync(EventContext context, UserRef user, long infractionId, string text, CancellationToken ct)
    {
        var culture = context.Culture;
        var infraction = await store.GetInfractionAsync(context.Community, infractionId, ct);
        if (infraction is null)
        {
            return ([], ModerationText.Get(culture, "UnknownInfraction", infractionId));
        }

        if (infraction.User != user)
        {
            return ([], ModerationText.Get(culture, "NotYourInfraction", infractionId));
        }

        if (await store.AppealOfAsync(context.Community, infractionId, ct) is { } existing)
        {
            return ([], ModerationText.Get(culture, "AlreadyAppealed", infractionId, existing.Id));
        }

        var id = await store.AddAppealAsync(new Appeal(0, context.Community, infractionId, user, text, context.Now), ct);
        await audit.RecordAsync(new AuditEntry(context.Community, context.Now, user, "appeal", user, "/appeal", $"#{id} on #{infractionId}: {text}"), ct);
        if (desk is not null)
        {
            // With support running, an appeal is a ticket of kind appeal: discussed in a staff thread, decided with /ticket decide.
            var member = context.Actor ?? new Member(user, user.Id);
            var opened = await desk.OpenAppealAsync(new Tickets.AppealRequest(member, infraction.Moderator, CasePrefix + id, text), context, ct);
            return (opened, ModerationText.Get(culture, "AppealReceived", id));
        }

        var post = ModerationText.Get(culture, "AppealPosted", id, user.Id, infractionId, infraction.Action, infraction.Reason, text);
        Button[] buttons =
        [
            new(ModerationText.Get(culture, "AppealAccept"), $"{Enforcer.Feature}:accept:{id}", ButtonStyle.Success),
            new(ModerationText.Get(culture, "AppealDeny"), $"{Enforcer.Feature}:deny:{id}", ButtonStyle.Danger),
        ];
        return ([new PostToStaff(context.Community, post, buttons)], ModerationText.Get(culture, "AppealReceived", id));
    }

    /// <summary>Decides an appeal; the answer is for the deciding moderator.</summary>
    public async Task<(IReadOnlyList<BotAction> Actions, string Answer)> DecideAsync(EventContext context, UserRef moderator, long appealId, bool accept, string? note, CancellationToken ct)
    {
        var culture = context.Culture;
        var appeal = await store.GetAppealAsync(context.Community, appealId, ct);
        if (appeal is null)
        {
            return ([], ModerationText.Get(culture, "UnknownAppeal", appealId));
        }

        if (appeal.User == moderator)
        {
            return ([], ModerationText.Get(culture, "OwnAppeal", appealId));
        }

        var infraction = await store.GetInfractionAsync(context.Community, appeal.InfractionId, ct);
        if (infraction?.Moderator == moderator)
        {
            return ([], ModerationText.Get(culture, "SameModerator", appealId));
        }

        var status = accept ? AppealStatus.Accepted : AppealStatus.Denied;
        if (!await store.DecideAppealAsync(context.Community, appealId, status, moderator, context.Now, ct))
        {
            return ([], ModerationText.Get(culture, "AppealAlreadyDecided", appealId));
        }

        await audit.RecordAsync(new AuditEntry(context.Community, context.Now, moderator, "appeal-" + status.ToString().ToLowerInvariant(), appeal.User, "appeal", $"#{appealId} {note}".TrimEnd()), ct);
        if (!accept)
        {
            return ([new DirectMessage(context.Community, appeal.User, ModerationText.Get(culture, "AppealDenied", appealId))],
                ModerationText.Get(culture, "AppealDecidedDenied", appealId));
        }

        var lifted = await PardonAsync(context, moderator, infraction!, "appeal", ct);
        return ([.. lifted, new DirectMessage(context.Community, appeal.User, ModerationText.Get(culture, "AppealAccepted", appealId, infraction!.Id))],
            ModerationText.Get(culture, "AppealDecidedAccepted", appealId, infraction.Id));
    }

    /// <summary>
    /// Pardons an infraction (it stops counting) and the escalation it caused, and lifts what is still running;
    /// empty when already pardoned.
    /// </summary>
    public async Task<IReadOnlyList<BotAction>> PardonAsync(EventContext context, UserRef by, Infraction infraction, string source, CancellationToken ct)
    {
        if (!await store.PardonAsync(context.Community, infraction.Id, by, context.Now, ct))
        {
            return [];
        }

        var lifted = new List<BotAction>();
        var escalations = await store.InfractionsAsync(context.Community, infraction.User, infraction.At, ct);
        foreach (var escalation in escalations.Where(e => e.Source == Enforcer.EscalationOf(infraction.Id)))
        {
            lifted.AddRange(await PardonAsync(context, by, escalation, source, ct));
        }

        await audit.RecordAsync(new AuditEntry(context.Community, context.Now, by, "pardon", infraction.User, source, $"#{infraction.Id}"), ct);
        var running = infraction.Action.Kind is ActionKind.Timeout or ActionKind.Ban && (infraction.ExpiresAt is null || infraction.ExpiresAt > context.Now);
        if (running)
        {
            lifted.AddRange(Lift(context.Community, infraction.User, infraction.Action.Kind == ActionKind.Ban ? "unban" : "untimeout", $"pardon #{infraction.Id}"));
        }

        return lifted;
    }

    /// <summary>Lifts a timeout (<c>untimeout</c>) or ban (<c>unban</c>) now and cancels its expiry timer.</summary>
    public IReadOnlyList<BotAction> Lift(CommunityRef community, UserRef user, string what, string reason) =>
    [
        what == "unban" ? new UnbanMember(community, user, reason) : new RemoveTimeout(community, user, reason),
        new CancelTimer(community, Enforcer.Feature, Enforcer.TimerKey(what, community, user, pseudonyms)),
    ];
}
