using System.Collections.Concurrent;
using Bot.Domain.Actions;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// Answers to commands sent from the web dashboard. Such a command carries an interaction id with
/// <see cref="Prefix"/>; its replies are handed to the page that sent it instead of a chat. One replayed after a
/// restart has no page waiting any more and is dropped: the change it reports is already committed.
/// </summary>
public sealed class WebReplies
{
    public const string Prefix = "web:";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> _waiting = new(StringComparer.Ordinal);

    /// <summary>A new interaction id whose replies are kept until <see cref="Close"/>.</summary>
    public string Open()
    {
        var id = Prefix + Guid.NewGuid().ToString("N");
        _waiting[id] = new ConcurrentQueue<Reply>();
        return id;
    }

    public IReadOnlyList<Reply> Close(string id) => _waiting.TryRemove(id, out var replies) ? [.. replies] : [];

    /// <summary>True when the reply belongs to the web (kept for its page, or dropped when none waits).</summary>
    public bool TryTake(BotAction action)
    {
        if (action is not Reply { InteractionId: { } id } reply || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (_waiting.TryGetValue(id, out var replies))
        {
            replies.Enqueue(reply);
        }

        return true;
    }
}
