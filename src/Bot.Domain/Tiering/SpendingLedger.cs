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

/// <summary>One purchase's result; <see cref="Reason"/> (a tiering text key and arguments) says why it was not matched.</summary>
public sealed record SpendingResult(SpendingRow Row, SpendingOutcome Outcome, UserRef? User = null, ParseError? Reason = null);

/// <summary>
/// Credits purchases from the shop (the CSV import and the webhook do the same): finds the member, counts each
/// purchase once by its key, adds spending points decayed from the purchase date, keeps the purchase as personal
/// data, and promotes the members whose score now earns a higher tier at once, announced once (the saved tier
/// is what the daily recomputation compares with, so it does not announce it again).
/// </summary>
public sealed class SpendingLedger(ITieringStore tiers, ISpendingStore spending, TierPoints points, IMemberStore members, TieringOptions options)
{
    public async Task<SpendingResult> CreditAsync(
        CommunityRef community, SpendingRow row, UserRef? actor, string source, DateTimeOffset now, CancellationToken ct)
    {
        if (options.SpendingCurrency is { Length: > 0 } accepted && row.Currency is { } currency
            && !currency.Equals(accepted, StringComparison.OrdinalIgnoreCase))
        {
            return new(row, SpendingOutcome.Unmatched, Reason: new ParseError("UnmatchedCurrency", currency, accepted));
        }

        var (user, reason) = await MatchAsync(community, row.Member, ct);
        if (user is not { } member)
        {
            return new(row, SpendingOutcome.Unmatched, Reason: reason);
        }

        var purchasedAt = row.PurchasedAt is { } at && at < now ? at : now;
        // A purchase counts as much as points earned on its date would count now.
        var earned = (double)row.Amount * options.SpendingPointsPerUnit * Decay.Factor(now - purchasedAt, options.HalfLife);
        var note = row.Amount.ToString(CultureInfo.InvariantCulture) + (row.Currency is null ? string.Empty : " " + row.Currency);
        if (await points.CreditAsync(new PointEntry(community, member, now, PointKind.Spending, earned, actor, "spend:" + row.Key, note), ct) is null)
        {
            return new(row, SpendingOutcome.AlreadyRecorded, member);
        }

        await spending.RecordAsync(new SpendingRecord(community, row.Key, member, row.Member, row.Amount, row.Currency, purchasedAt, source, now), ct);
        return new(row, SpendingOutcome.Credited, member);
    }

    /// <summary>Promotes each member whose score now earns a higher tier; demotion and nominations stay with the daily recomputation.</summary>
    public async Task<IReadOnlyList<BotAction>> PromoteAsync(
        CommunityRef community, IEnumerable<UserRef> users, DateTimeOffset now, CultureInfo culture, CancellationToken ct)
    {
        var settings = await TieringFeature.SettingsAsync(tiers, community, options, ct);
        var actions = new List<BotAction>();
        foreach (var user in users.Distinct())
        {
            if (await tiers.GetAsync(community, user, forUpdate: true, ct) is not { } standing)
            {
                continue;
            }

            var decayed = standing.DecayedTo(now, options.HalfLife);
            var earned = settings.Thresholds.Earned(decayed.Score);
            if (earned <= standing.Tier)
            {
                continue;
            }

            await tiers.SaveAsync(decayed with { Tier = earned, BelowSince = null }, ct);
            var name = (await members.GetAsync(community, user, ct))?.DisplayName ?? user.Id;
            actions.AddRange(TierActions.Change(community, new TierChange(user, name, standing.Tier, earned), options, settings.AnnounceChannelId, culture));
        }

        return actions;
    }

    /// <summary>A customer key linked with <c>/tier link</c>, else a member's platform id or @username.</summary>
    private async Task<(UserRef? User, ParseError? Reason)> MatchAsync(CommunityRef community, string key, CancellationToken ct)
    {
        if (await spending.FindLinkAsync(community, key, ct) is { } linked)
        {
            return (linked, null);
        }

        if (key.Contains('@', StringComparison.Ordinal) && !key.StartsWith('@'))
        {
            return (null, new ParseError("UnmatchedEmail", key));
        }

        var byId = await members.GetAsync(community, new UserRef(community.Platform, key), ct);
        if (byId is not null)
        {
            return (byId.User, null);
        }

        return await members.FindAsync(community, key.TrimStart('@'), ct) is { } named
            ? (named.User, null)
            : (null, new ParseError("UnmatchedMember", key));
    }
}
