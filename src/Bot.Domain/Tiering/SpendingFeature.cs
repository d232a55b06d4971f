using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Tiering;

/// <summary>
/// A purchase from the spending webhook: credited like one imported row, the member promoted at once when the
/// score now earns it; a purchase that matches no member is told to staff with the reason.
/// </summary>
public sealed class SpendingFeature(SpendingLedger ledger) : IFeature
{
    public string Name => "spending";

    public int Order => 310;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        if (context.Event is not SpendingReported reported)
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        var batch = await ledger.CreditAsync(reported.Community, [reported.Purchase], null, "webhook", context.Now, culture, ct);
        if (batch.Results[0] is { Outcome: SpendingOutcome.Unmatched, Reason: { } why })
        {
            var reason = TieringText.Get(culture, why.Key, why.Args);
            return [new PostToStaff(reported.Community, TieringText.Get(culture, "WebhookUnmatched", reported.Purchase.OrderId ?? "-", reason))];
        }

        return batch.Promotions;
    }
}
