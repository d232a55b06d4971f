using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Moderation;

/// <summary>
/// Whether raid mode is on (verification tightens its check then), what a raid newcomer's press may not lift, ending
/// raid mode (by calm or by <c>/raid off</c>) and the timer that checks for calm.
/// </summary>
public sealed class RaidControl(IModerationStore store, IAuditLog audit)
{
    public static ScheduleTimer CalmCheck(CommunityRef community, DateTimeOffset at) =>
        new(community, Enforcer.Feature, $"raid-calm:{community}", at);

    public async Task<bool> ActiveAsync(CommunityRef community, CancellationToken ct) => (await store.GetRaidAsync(community, ct)).Active;

    /// <summary>
    /// The timeout or ban still running on the member, if any. Verifying a raid newcomer lifts only the newcomer restriction
    /// it was issued for: a greeting's button pressed later must not lift a sanction given since.
    /// </summary>
    public async Task<Infraction?> RunningSanctionAsync(CommunityRef community, UserRef user, DateTimeOffset now, CancellationToken ct)
    {
        var infractions = await store.InfractionsAsync(community, user, DateTimeOffset.MinValue, ct);
        return infractions.FirstOrDefault(i => i.PardonedAt is null
            && i.Action.Kind is ActionKind.Timeout or ActionKind.Ban
            && (i.ExpiresAt is { } end ? end > now : i.Action.Kind == ActionKind.Ban));
    }

    public async Task<IReadOnlyList<BotAction>> EndAsync(EventContext context, RaidState state, UserRef? by, CancellationToken ct)
    {
        await store.SaveRaidAsync(context.Community, state with { Active = false, ActiveSince = null }, ct);
        await audit.RecordAsync(new AuditEntry(context.Community, context.Now, by, "raid-off", null, by is null ? "raid" : "/raid off", "calm"), ct);
        return
        [
            new RestrictNewMembers(context.Community, false, "raid over"),
            new PostToStaff(context.Community, ModerationText.Get(context.Culture, "RaidEnded")),
            new CancelTimer(context.Community, Enforcer.Feature, $"raid-calm:{context.Community}"),
        ];
    }
}
