using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Privacy;

namespace Bot.Domain.Moderation;

/// <summary>A penalty to apply: from a rule (no moderator) or a moderator's command.</summary>
public sealed record Penalty(
    UserRef User,
    RuleAction Action,
    string Source,
    string Reason,
    string? Excerpt = null,
    UserRef? Moderator = null,
    (string ChannelId, string MessageId)? Message = null);

/// <summary>
/// Applies penalties the same way for rules and for moderators: the infraction and audit entry first (they
/// commit before anything runs), then the platform actions, the expiry timer for temporary ones, the
/// escalation ladder, the member's explanation with how to appeal, and a note to staff for the serious ones.
/// </summary>
public sealed class Enforcer(IModerationStore store, IAuditLog audit, ModerationOptions options, Pseudonyms pseudonyms)
{
    public const string Feature = "moderation";

    /// <summary>The actions for <paramref name="penalty"/>, and the infraction id (0 for a log-only penalty).</summary>
    public async Task<(IReadOnlyList<BotAction> Actions, long InfractionId)> ApplyAsync(EventContext context, Penalty penalty, CancellationToken ct)
    {
        var community = context.Community;
        var culture = context.Culture;
        if (penalty.Action.Kind == ActionKind.Log)
        {
            await audit.RecordAsync(new AuditEntry(community, context.Now, penalty.Moderator, "would-act", penalty.User, penalty.Source, $"{penalty.Reason}: {penalty.Excerpt}"), ct);
            return ([], 0);
        }

        var actions = new List<BotAction>();
        if (penalty.Message is { } message)
        {
            actions.Add(new DeleteMessage(community, message.ChannelId, message.MessageId, penalty.Reason));
        }

        var id = await RecordAsync(context, penalty, points: 1, actions, ct);

        // Escalation adds the ladder's penalty when it is harsher than what was just done.
        var ladder = await LadderAsync(community, ct);
        var history = await store.InfractionsAsync(community, penalty.User, context.Now - ladder.LongestWindow, ct);
        var step = ladder.Reached(history, context.Now);
        var applied = penalty.Action;
        if (step is not null && step.Action.IsMoreSevereThan(penalty.Action))
        {
            var reason = ModerationText.Get(culture, "EscalationReason", step.Strikes, DurationParser.Format(step.Window));
            await RecordAsync(context, penalty with { Action = step.Action, Source = EscalationOf(id), Reason = reason, Message = null }, points: 0, actions, ct);
            applied = step.Action;
        }

        actions.Add(new DirectMessage(community, penalty.User, Explain(context, penalty, applied, id, ladder.Reached(history, context.Now, extra: 1))));
        return (actions, id);
    }

    public async Task<EscalationLadder> LadderAsync(CommunityRef community, CancellationToken ct)
    {
        var text = await store.GetLadderAsync(community, ct) ?? options.Ladder;
        return EscalationLadder.Parse(text).Ladder ?? EscalationLadder.Parse(EscalationLadder.DefaultText).Ladder!;
    }

    /// <summary>The source of an escalation infraction: which infraction tipped the ladder (a pardon of it lifts both).</summary>
    public static string EscalationOf(long infractionId) => $"escalation:#{infractionId}";

    /// <summary>
    /// The lift timer's key names the member by pseudonym (the scheduler's job names are not erasable data);
    /// its payload, <see cref="LiftPayload"/>, keeps the platform id only as long as the sanction runs.
    /// </summary>
    public static string TimerKey(string what, CommunityRef community, UserRef user, Pseudonyms pseudonyms) =>
        $"{what}:{community}:{pseudonyms.Of(community, user)}";

    public static string LiftPayload(long infractionId, UserRef user) =>
        $"{infractionId.ToString(System.Globalization.CultureInfo.InvariantCulture)}|{user.Id}";

    /// <summary>The infraction id and, when the payload has it, the member to lift (older timers carry only the id).</summary>
    public static (long Id, string? UserId)? ParseLiftPayload(string payload)
    {
        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        var idText = bar < 0 ? payload : payload[..bar];
        return long.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? (id, bar < 0 || bar == payload.Length - 1 ? null : payload[(bar + 1)..])
            : null;
    }

    private async Task<long> RecordAsync(EventContext context, Penalty penalty, int points, List<BotAction> actions, CancellationToken ct)
    {
        var community = context.Community;
        var action = penalty.Action;
        DateTimeOffset? until = action.Duration is { } d ? context.Now + d : null;
        var id = await store.AddInfractionAsync(
            new Infraction(0, community, penalty.User, action, points, penalty.Source, penalty.Reason, penalty.Excerpt, penalty.Moderator, context.Now, until), ct);
        await audit.RecordAsync(new AuditEntry(community, context.Now, penalty.Moderator, action.Kind.ToString().ToLowerInvariant(), penalty.User, penalty.Source, $"#{id} {action}: {penalty.Reason}"), ct);
        var payload = LiftPayload(id, penalty.User);
        switch (action.Kind)
        {
            case ActionKind.Timeout:
                actions.Add(new TimeoutMember(community, penalty.User, until!.Value, penalty.Reason));
                actions.Add(new ScheduleTimer(community, Feature, TimerKey("untimeout", community, penalty.User, pseudonyms), until.Value, payload));
                break;
            case ActionKind.Kick:
                actions.Add(new KickMember(community, penalty.User, penalty.Reason));
                break;
            case ActionKind.Ban:
                actions.Add(new BanMember(community, penalty.User, penalty.Reason, until));
                if (until is { } end)
                {
                    actions.Add(new ScheduleTimer(community, Feature, TimerKey("unban", community, penalty.User, pseudonyms), end, payload));
                }

                break;
        }

        if (action.Kind >= ActionKind.Timeout)
        {
            var by = penalty.Moderator?.Id ?? ModerationText.Get(context.Culture, "BotName");
            actions.Add(new PostToStaff(community, ModerationText.Get(context.Culture, "StaffActed", by, penalty.User.Id, action, id, penalty.Reason)));
        }

        return id;
    }

    private static string Explain(EventContext context, Penalty penalty, RuleAction applied, long id, LadderStep? next)
    {
        var culture = context.Culture;
        var text = new StringBuilder(ModerationText.Get(culture, "ExplainAction", ModerationText.Describe(culture, applied), id, penalty.Reason));
        if (penalty.Excerpt is { Length: > 0 } excerpt)
        {
            text.AppendLine().Append(ModerationText.Get(culture, "ExplainText", excerpt));
        }

        text.AppendLine().Append(next is null
            ? ModerationText.Get(culture, "ExplainNextNothing")
            : ModerationText.Get(culture, "ExplainNext", ModerationText.Describe(culture, next.Action)));
        text.AppendLine().Append(ModerationText.Get(culture, "ExplainAppeal", id));
        return text.ToString();
    }
}
