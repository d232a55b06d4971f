using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Domain.Engagement.Giveaways;

/// <summary>Why a member may not enter: a text key and its arguments; null when they may.</summary>
public sealed record Refusal(string Key, params object[] Args);

/// <summary>The entry requirements, checked in order: tier, account age, membership age.</summary>
public static class EntryCheck
{
    public static Refusal? Check(
        GiveawayRequirements requirements, Member member, MemberRecord? record, string tier, IReadOnlyList<string> tiers, DateTimeOffset now)
    {
        if (requirements.MinTier is { } minTier && Rank(tiers, tier) < Rank(tiers, minTier))
        {
            return new Refusal("RefusedTier", minTier, tier);
        }

        if (requirements.MinAccountAge is { } accountAge)
        {
            var created = member.AccountCreatedAt ?? record?.AccountCreatedAt;
            if (created is null)
            {
                return new Refusal("RefusedAccountUnknown", Format(accountAge));
            }

            if (now - created.Value < accountAge)
            {
                return new Refusal("RefusedAccountAge", Format(accountAge));
            }
        }

        if (requirements.MinMembershipAge is { } memberAge)
        {
            // Members the bot saw before it recorded a join count from when it first saw them.
            var since = record?.JoinedAt ?? record?.FirstSeen;
            if (since is null || now - since.Value < memberAge)
            {
                return new Refusal("RefusedMembershipAge", Format(memberAge));
            }
        }

        return null;
    }

    private static int Rank(IReadOnlyList<string> tiers, string tier)
    {
        for (var i = 0; i < tiers.Count; i++)
        {
            if (tiers[i].Equals(tier, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        // A tier the options do not list ranks lowest, so an unknown tier never passes a requirement.
        return -1;
    }

    private static string Format(TimeSpan age) => Commands.DurationParser.Format(age);
}
