using System.Collections.Concurrent;

namespace Bot.Adapters.Telegram;

/// <summary>
/// The groups the bot is in, and the community a private chat belongs to: <see cref="TelegramOptions.CommunityChatId"/>
/// when configured, otherwise the only group the bot is currently in (none when it is in several: then it must be configured).
/// </summary>
public sealed class TelegramCommunities(TelegramStore store, TelegramOptions options)
{
    private readonly ConcurrentDictionary<long, bool> _known = new();
    private long? _default;
    private bool _defaultKnown;

    public async Task<long?> DefaultGroupAsync(CancellationToken ct)
    {
        if (options.CommunityChatId is { } configured)
        {
            return configured;
        }

        if (!_defaultKnown)
        {
            var groups = await store.CurrentGroupsAsync(ct);
            _default = groups.Count == 1 ? groups[0] : null;
            _defaultKnown = true;
        }

        return _default;
    }

    /// <summary>Records a group once per run (and again after the bot left it).</summary>
    public async Task SeenAsync(long chatId, string? title, CancellationToken ct)
    {
        if (!_known.ContainsKey(chatId))
        {
            // Remembered only once stored, so a database outage here is retried with the update. Postgres refuses NUL.
            await store.GroupSeenAsync(chatId, (title ?? string.Empty).Replace("\0", string.Empty, StringComparison.Ordinal), ct);
            _known.TryAdd(chatId, true);
            _defaultKnown = false;
        }
    }

    public async Task LeftAsync(long chatId, CancellationToken ct)
    {
        _known.TryRemove(chatId, out _);
        await store.GroupLeftAsync(chatId, ct);
        _defaultKnown = false;
    }
}
