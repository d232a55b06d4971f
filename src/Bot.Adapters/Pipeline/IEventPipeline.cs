using Bot.Domain.Events;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// The one way events enter the bot. A call returns once the batch's state and outbox are committed
/// (so a platform offset may advance) and its actions have been handed to the executors.
/// Events already processed (same <see cref="ChatEvent.EventId"/>) are dropped.
/// </summary>
public interface IEventPipeline
{
    Task ProcessAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct);
}
