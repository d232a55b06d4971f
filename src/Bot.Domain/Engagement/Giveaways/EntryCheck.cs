using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Tiering;

namespace Bot.Domain.Engagement.Giveaways;

/// <summary>Why a member may not enter: a text key and its arguments; null when they may.</summary>
public sealed record Refusal(string Key, params object[] Args);

/// <summary>The entry requirements, checked in order: tier, account age, membership age.</summary>
public static class EntryCheck
{
    public static Refusal? Check(
        GiveawayRequirements requirements, Member member, MemberRecord? record, Tier tier, DateTimeOffset now)
    {
        if (requirements.MinTier is { } minTier && tier < minTier)
        {
            return new Refusal("RefusedTier", TierNames.Of(minTier), TierNames.Of(tier));
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

    private static string Format(TimeSpan age) => Commands.DurationParser.Format(age);
}
