using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Domain.Rules;

/// <summary>
/// Publishing the rules in the community's member chats: a chat without a rules message gets one, pinned, whose id
/// comes back (correlation <c>rules:pin:&lt;version&gt;:&lt;channel&gt;</c>); a chat showing an older version has its
/// message edited and pinned again. The stored version moves on before the action runs.
/// </summary>
public sealed class RulesPublisher(IRulesStore store)
{
    public const string CorrelationPrefix = "rules:pin:";

    public async Task<IReadOnlyList<BotAction>> PublishAsync(CommunityRef community, PublishedRules rules, CultureInfo culture, CancellationToken ct)
    {
        var actions = new List<BotAction>();
        foreach (var pin in await store.PinsAsync(community, ct))
        {
            if (await PublishAsync(community, pin, rules, culture, ct) is { } action)
            {
                actions.Add(action);
            }
        }

        return actions;
    }

    public async Task<BotAction?> PublishAsync(CommunityRef community, RulesPin pin, PublishedRules rules, CultureInfo culture, CancellationToken ct)
    {
        var text = RulesText.Render(culture, rules);
        if (pin.MessageId is null)
        {
            return new SendMessage(community, pin.ChannelId, text, Pin: true)
            {
                Correlation = string.Create(CultureInfo.InvariantCulture, $"{CorrelationPrefix}{rules.Version}:{pin.ChannelId}"),
            };
        }

        if (pin.Version >= rules.Version)
        {
            return null;
        }

        await store.SetPinnedAsync(community, pin.ChannelId, pin.MessageId, rules.Version, ct);
        return new EditMessage(community, pin.ChannelId, pin.MessageId, text, Pin: true);
    }

    /// <summary>The version and channel of a pin's correlation, or null when it is not one.</summary>
    public static (int Version, string ChannelId)? ParseCorrelation(string correlation)
    {
        if (!correlation.StartsWith(CorrelationPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = correlation[CorrelationPrefix.Length..].Split(':', 2);
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && parts[1].Length > 0
            ? (version, parts[1])
            : null;
    }
}
