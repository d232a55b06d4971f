using Bot.Domain.Model;

namespace Bot.Domain.LogChannel;

/// <summary>A message as the bot stored it: who wrote it and its text (null once retention or erasure took it).</summary>
public sealed record LoggedMessage(UserRef Author, string AuthorName, string? Text);

public interface ILogChannelStore
{
    Task<string?> GetAsync(CommunityRef community, CancellationToken ct);

    Task SetAsync(CommunityRef community, string channelId, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<bool> ClearAsync(CommunityRef community, CancellationToken ct);

    /// <summary>The stored message (from the message log), if the bot saw it.</summary>
    Task<LoggedMessage?> MessageAsync(CommunityRef community, string channelId, string messageId, CancellationToken ct);

    /// <summary>Keeps the message log's text current after an edit, so the next edit or deletion shows the right old text.</summary>
    Task UpdateTextAsync(CommunityRef community, string channelId, string messageId, string text, CancellationToken ct);
}
