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

    /// <summary>
    /// Returns once the batch's state and outbox are committed; its actions run in the background (the outbox replays
    /// them if the process stops first). For scheduled work, whose scheduler threads must not wait on platform rate limits.
    /// </summary>
    Task AcceptAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct) => ProcessAsync(events, ct);

    /// <summary>
    /// As <see cref="AcceptAsync"/>; the task it returns ends with the results of the batch's actions once they have run
    /// (null for one left for a later try), for adapter work that follows from them (acknowledging a button press
    /// no action answered) without holding up ingest.
    /// </summary>
    async Task<Task<IReadOnlyList<ActionResult?>>> SubmitAsync(IReadOnlyList<ChatEvent> events, CancellationToken ct)
    {
        await ProcessAsync(events, ct);
        return Task.FromResult<IReadOnlyList<ActionResult?>>([]);
    }

    /// <summary>Waits for the background actions of <see cref="AcceptAsync"/>; those still running when <paramref name="ct"/> ends are cut short.</summary>
    Task DrainAsync(CancellationToken ct) => Task.CompletedTask;
}
