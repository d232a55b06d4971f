using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Rules;

/// <summary>
/// Keeps the rules pinned: a chat where members join becomes one of the community's member chats and gets the current
/// rules pinned; a pinned message's id, once the platform has posted it, is kept so later versions edit it.
/// </summary>
public sealed class RulesFeature(IRulesStore store, RulesPublisher publisher) : IFeature
{
    public string Name => "rules";

    public int Order => 300;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        MemberJoined { ChannelId: { } channel } => OnJoinAsync(context, channel, ct),
        ActionCompleted { Succeeded: true, MessageId: { } message } done when RulesPublisher.ParseCorrelation(done.Correlation) is { } pin =>
            PinnedAsync(context, pin.ChannelId, message, pin.Version, ct),
        _ => FeatureResults.NoneAsync,
    };

    private async Task<IReadOnlyList<BotAction>> OnJoinAsync(EventContext context, string channel, CancellationToken ct)
    {
        if (channel == context.Settings.StaffChannelId || !await store.AddChatAsync(context.Community, channel, ct)
            || await store.GetAsync(context.Community, ct) is not { } rules)
        {
            return FeatureResults.None;
        }

        return await publisher.PublishAsync(context.Community, new RulesPin(channel, null, 0), rules, context.Culture, ct) is { } action ? [action] : FeatureResults.None;
    }

    private async Task<IReadOnlyList<BotAction>> PinnedAsync(EventContext context, string channel, string message, int version, CancellationToken ct)
    {
        await store.SetPinnedAsync(context.Community, channel, message, version, ct);

        // The rules may have changed while this message was being posted: bring it up to date.
        var rules = await store.GetAsync(context.Community, ct);
        return rules is not null && rules.Version > version
            && await publisher.PublishAsync(context.Community, new RulesPin(channel, message, version), rules, context.Culture, ct) is { } action
            ? [action]
            : FeatureResults.None;
    }
}
