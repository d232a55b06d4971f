using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Moderation;

/// <summary>
/// Counts joins and switches raid mode on at a burst. It runs before verification (order 80 &lt; 90), so the join that
/// starts a raid is already checked under raid rules; the check itself is verification's, not moderation's.
/// </summary>
public sealed class RaidWatch(IModerationStore store, IAuditLog audit, ModerationOptions options) : IFeature
{
    public string Name => "raid";

    public int Order => 80;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) =>
        context.Event is MemberJoined joined ? OnJoinAsync(context, joined, ct) : FeatureResults.NoneAsync;

    private async Task<IReadOnlyList<BotAction>> OnJoinAsync(EventContext context, MemberJoined joined, CancellationToken ct)
    {
        var community = context.Community;
        var (state, burst) = RaidDetector.OnJoin(await store.GetRaidAsync(community, ct), joined.At, options);
        var actions = new List<BotAction>();
        if (burst && !state.Active)
        {
            state = state with { Active = true, ActiveSince = joined.At };
            await audit.RecordAsync(new AuditEntry(community, context.Now, null, "raid-on", null, "raid", $"{state.JoinsThisMinute} joins/min"), ct);
            actions.Add(new RestrictNewMembers(community, true, "raid"));
            actions.Add(new PostToStaff(community, ModerationText.Get(context.Culture, "RaidStarted", state.JoinsThisMinute, state.BaselinePerMinute)));
            actions.Add(RaidControl.CalmCheck(community, joined.At + options.RaidCalmAfter));
        }

        await store.SaveRaidAsync(community, state, ct);
        return actions;
    }
}
