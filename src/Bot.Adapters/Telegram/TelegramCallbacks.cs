using System.Collections.Concurrent;

namespace Bot.Adapters.Telegram;

/// <summary>
/// Button presses already answered with a private notice (an ephemeral reply), so the adapter does not send
/// the plain acknowledgement too: Telegram takes one answer per press. Entries are dropped once acknowledged.
/// </summary>
public sealed class TelegramCallbacks
{
    /// <summary>Telegram shows at most 200 characters in a button's notice.</summary>
    public const int MaxNoticeLength = 200;

    private readonly ConcurrentDictionary<string, bool> _answered = new();

    public void Answered(string callbackId) => _answered[callbackId] = true;

    /// <summary>True once for a press answered already (and forgets it).</summary>
    public bool TakeAnswered(string callbackId) => _answered.TryRemove(callbackId, out _);
}
