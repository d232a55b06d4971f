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

        var result = await ledger.CreditAsync(reported.Community, reported.Purchase, null, "webhook", context.Now, ct);
        switch (result.Outcome)
        {
            case SpendingOutcome.Credited:
                return await ledger.PromoteAsync(reported.Community, [result.User!.Value], context.Now, context.Culture, ct);
            case SpendingOutcome.Unmatched:
                var culture = context.Culture;
                var reason = TieringText.Get(culture, result.Reason!.Key, result.Reason.Args);
                return [new PostToStaff(reported.Community, TieringText.Get(culture, "WebhookUnmatched", reported.Purchase.OrderId ?? "-", reason))];
            default:
                return FeatureResults.None;
        }
    }
}
