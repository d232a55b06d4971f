using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Moderation;

/// <summary>Ending raid mode (by calm or by <c>/raid off</c>) and the timer that checks for calm.</summary>
public sealed class RaidControl(IModerationStore store, IAuditLog audit)
{
    public static ScheduleTimer CalmCheck(CommunityRef community, DateTimeOffset at) =>
        new(community, Enforcer.Feature, $"raid-calm:{community}", at);

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
