using Bot.Domain.Actions;
using Bot.Domain.Pipeline;
using Bot.Domain.Tickets;

namespace Bot.Domain.Moderation;

/// <summary>An appeal ticket's decision comes back here: overturned pardons the infraction and lifts what still runs.</summary>
public sealed class ModerationAppealOutcomes(Appeals appeals) : IAppealOutcomes
{
    public async Task<IReadOnlyList<BotAction>> DecidedAsync(AppealDecision decision, EventContext context, CancellationToken ct)
    {
        if (!decision.CaseRef.StartsWith(Appeals.CasePrefix, StringComparison.Ordinal)
            || !long.TryParse(decision.CaseRef[Appeals.CasePrefix.Length..], System.Globalization.CultureInfo.InvariantCulture, out var appealId))
        {
            return FeatureResults.None;
        }

        var (actions, _) = await appeals.DecideAsync(context, decision.DecidedBy, appealId, decision.Overturned, decision.Reason, ct);
        return actions;
    }
}
