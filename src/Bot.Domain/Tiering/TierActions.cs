using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Domain.Tiering;

/// <summary>A tier change as platform roles (Discord maps the names to guild roles; Telegram keeps them in records) and a message.</summary>
public static class TierActions
{
    public static IEnumerable<BotAction> Change(
        CommunityRef community, TierChange change, TieringOptions options, string? announceChannel, CultureInfo culture)
    {
        var from = TieringText.TierName(culture, change.From);
        var to = TieringText.TierName(culture, change.To);
        var reason = TieringText.Get(culture, "RoleReason", from, to);
        if (options.RoleOf(change.From) is { } oldRole)
        {
            yield return new RevokeRole(community, change.User, oldRole, reason);
        }

        if (options.RoleOf(change.To) is { } newRole)
        {
            yield return new GrantRole(community, change.User, newRole, reason);
        }

        if (change.To < change.From)
        {
            // A demotion is told to the member alone.
            yield return new DirectMessage(community, change.User, TieringText.Get(culture, "Demoted", to));
            yield break;
        }

        var text = TieringText.Get(culture, "Promoted", change.DisplayName, to);
        yield return announceChannel is null
            ? new DirectMessage(community, change.User, text)
            : new SendMessage(community, announceChannel, text);
    }

    public static PostToStaff Nominate(CommunityRef community, Nomination nomination, CultureInfo culture) => new(
        community,
        TieringText.Get(culture, "Nominated", nomination.DisplayName, TieringText.Points(nomination.Score)),
        [
            new Button(TieringText.Get(culture, "Approve"), $"tier:approve:{nomination.Id}", ButtonStyle.Success),
            new Button(TieringText.Get(culture, "Reject"), $"tier:reject:{nomination.Id}", ButtonStyle.Danger),
        ]);
}
