using Bot.Domain.Model;

namespace Bot.Domain.Rules;

/// <summary>The community's published rules: the text, its version, who set it and when.</summary>
public sealed record PublishedRules(CommunityRef Community, string Text, int Version, UserRef SetBy, DateTimeOffset SetAt);

/// <summary>A member chat of the community and the rules message pinned there (none yet: null).</summary>
public sealed record RulesPin(string ChannelId, string? MessageId, int Version);

public interface IRulesStore
{
    Task<PublishedRules?> GetAsync(CommunityRef community, CancellationToken ct);

    /// <summary>Saves new rules as the next version and returns it.</summary>
    Task<PublishedRules> SetAsync(CommunityRef community, string text, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<IReadOnlyList<RulesPin>> PinsAsync(CommunityRef community, CancellationToken ct);

    /// <summary>Records a member chat; true when it was not known before.</summary>
    Task<bool> AddChatAsync(CommunityRef community, string channelId, CancellationToken ct);

    Task SetPinnedAsync(CommunityRef community, string channelId, string messageId, int version, CancellationToken ct);
}
