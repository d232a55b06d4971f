using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Commands;
using Bot.Domain.Model;

namespace Bot.Domain.Tiering;

/// <summary>What became of one purchase.</summary>
public enum SpendingOutcome
{
    Credited,
    AlreadyRecorded,
    Unmatched,
}

/// <summary>What became of each purchase, and the promotions they earned (roles and announcements).</summary>
public sealed record SpendingBatch(IReadOnlyList<SpendingResult> Results, IReadOnlyList<BotAction> Promotions);

/// <summary>One purchase's result; <see cref="Reason"/> (a tiering text key and arguments) says why it was not matched.</summary>
public sealed record SpendingResult(SpendingRow Row, SpendingOutcome Outcome, UserRef? User = null, ParseError? Reason = null);

/// <summary>
/// Credits purchases from the shop (the CSV import and the webhook do the same): finds the member, counts each
/// purchase once by its key, adds spending points decayed from the purchase date, keeps the purchase as personal
/// data, and promotes the members whose score now earns a higher tier at once, announced once (the saved tier
/// is what the daily recomputation compares with, so it does not announce it again).
/// </summary>
public sealed class SpendingLedger(ITieringStore tiers, ISpendingStore spending, IMemberStore members, TieringOptions options)
{
    /// <summary>
    /// Credits purchases in one go: each customer key is matched once (links in one look-up), the ledger and purchase rows
    /// are written in one statement (which also tells which were new), and each member's standing is updated once, in
    /// id order, with the tier the new score earns; the promotions come back as actions.
    /// </summary>
    public async Task<SpendingBatch> CreditAsync(
        CommunityRef community, IReadOnlyList<SpendingRow> rows, UserRef? actor, string source, DateTimeOffset now, CultureInfo culture, CancellationToken ct)
    {
        var results = new SpendingResult[rows.Count];
        var links = await spending.FindLinksAsync(community, [.. rows.Select(r => r.Member).Distinct(StringComparer.OrdinalIgnoreCase)], ct);
        var matches = new Dictionary<string, (UserRef? User, ParseError? Reason)>(StringComparer.OrdinalIgnoreCase);
        var credits = new List<(int Index, SpendingCredit Credit)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (options.SpendingCurrency is { Length: > 0 } accepted && row.Currency is { } currency
                && !currency.Equals(accepted, StringComparison.OrdinalIgnoreCase))
            {
                results[i] = new(row, SpendingOutcome.Unmatched, Reason: new ParseError("UnmatchedCurrency", currency, accepted));
                continue;
            }

            if (!matches.TryGetValue(row.Member, out var match))
            {
                matches[row.Member] = match = links.TryGetValue(row.Member, out var linked) ? (linked, null) : await MatchAsync(community, row.Member, ct);
            }

            if (match.User is not { } member)
            {
                results[i] = new(row, SpendingOutcome.Unmatched, Reason: match.Reason);
                continue;
            }

            var purchasedAt = row.PurchasedAt is { } at && at < now ? at : now;
            // A purchase counts as much as points earned on its date would count now.
            var earned = (double)row.Amount * options.SpendingPointsPerUnit * Decay.Factor(now - purchasedAt, options.HalfLife);
            var note = row.Amount.ToString(CultureInfo.InvariantCulture) + (row.Currency is null ? string.Empty : " " + row.Currency);
            credits.Add((i, new SpendingCredit(
                new PointEntry(community, member, now, PointKind.Spending, earned, actor, Reference(row), note),
                new SpendingRecord(community, row.Key, member, row.Member, row.Amount, row.Currency, purchasedAt, source, now))));
        }

        var recorded = await spending.RecordAsync([.. credits.Select(c => c.Credit)], ct);
        var counted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, credit) in credits)
        {
            // The same key twice in one file (identical rows without an order id) counts once, like a second import.
            var isNew = recorded.Contains(credit.Entry.Reference!) && counted.Add(credit.Entry.Reference!);
            results[index] = new(rows[index], isNew ? SpendingOutcome.Credited : SpendingOutcome.AlreadyRecorded, credit.Entry.User);
        }

        var settings = await TieringFeature.SettingsAsync(tiers, community, options, ct);
        var actions = new List<BotAction>();
        var byMember = credits.Where(c => results[c.Index].Outcome == SpendingOutcome.Credited).GroupBy(c => c.Credit.Entry.User);
        foreach (var group in byMember.OrderBy(g => g.Key.Id, StringComparer.Ordinal))
        {
            var before = await tiers.GetAsync(community, group.Key, forUpdate: true, ct) ?? TierStanding.New(community, group.Key, now);
            var standing = before;
            foreach (var (_, credit) in group)
            {
                standing = standing.Add(PointKind.Spending, credit.Entry.Points, now, options.HalfLife);
            }

            // Promotion at once; demotion and opinion-leader nominations stay with the daily recomputation.
            var earnedTier = settings.Thresholds.Earned(standing.Score);
            if (earnedTier > before.Tier)
            {
                standing = standing with { Tier = earnedTier, BelowSince = null };
                var name = (await members.GetAsync(community, group.Key, ct))?.DisplayName ?? group.Key.Id;
                actions.AddRange(TierActions.Change(community, new TierChange(group.Key, name, before.Tier, earnedTier), options, settings.AnnounceChannelId, culture));
            }

            await tiers.SaveAsync(standing, ct);
        }

        return new SpendingBatch(results, actions);
    }

    /// <summary>The ledger reference of a purchase: the same for the import and the webhook.</summary>
    public static string Reference(SpendingRow row) => "spend:" + row.Key;

    /// <summary>A member's platform id or @username (a linked customer key was looked up before); an email no one is linked to is said so.</summary>
    private async Task<(UserRef? User, ParseError? Reason)> MatchAsync(CommunityRef community, string key, CancellationToken ct)
    {
        if (key.Contains('@', StringComparison.Ordinal) && !key.StartsWith('@'))
        {
            return (null, new ParseError("UnmatchedEmail", key));
        }

        var byId = await members.GetAsync(community, new UserRef(community.Platform, key), ct);
        if (byId is not null)
        {
            return (byId.User, null);
        }

        // A name several members share matches no one: the shop must name members by id, username or a linked key.
        return await members.MatchAsync(community, key.TrimStart('@'), ct) switch
        {
            [var named] => (named.User, null),
            [] => (null, new ParseError("UnmatchedMember", key)),
            var several => (null, new ParseError("UnmatchedAmbiguous", key, several.Count)),
        };
    }
}
