using System.Collections.Concurrent;
using Bot.Adapters.Postgres;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Tests.Support;

public static class SeenEventsSetup
{
    /// <summary>Records every event the features are given into <paramref name="seen"/>, once its batch has committed.</summary>
    public static IServiceCollection AddSeenEvents(this IServiceCollection services, SeenEvents seen) =>
        services.AddSingleton(seen).AddScoped<BatchWitness>().AddScoped<IFeature, RecordingFeature>();
}

/// <summary>Every event the features were given, each once its batch has committed.</summary>
public sealed class SeenEvents
{
    private readonly ConcurrentQueue<ChatEvent> _events = new();
    private readonly ConcurrentQueue<IReadOnlyList<ChatEvent>> _batches = new();
    private TaskCompletionSource _added = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ChatEvent> All => [.. _events];

    /// <summary>The new events of each committed transaction, in commit order (transactions with none left out).</summary>
    public IReadOnlyList<IReadOnlyList<ChatEvent>> Batches => [.. _batches];

    public void Add(IReadOnlyCollection<ChatEvent> events)
    {
        if (events.Count > 0)
        {
            _batches.Enqueue([.. events]);
        }

        foreach (var chatEvent in events)
        {
            _events.Enqueue(chatEvent);
        }

        Interlocked.Exchange(ref _added, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, double seconds = 20)
        where T : ChatEvent
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (true)
        {
            var next = Volatile.Read(ref _added).Task;
            if (All.OfType<T>().FirstOrDefault(e => match is null || match(e)) is { } found)
            {
                return found;
            }

            try
            {
                await next.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} was committed in {seconds} s; saw: {string.Join(", ", All.Select(e => e.EventId))}");
            }
        }
    }
}

/// <summary>
/// Lives as long as the pipeline's scope for one batch, which ends after the batch commits: what it was given is
/// published then, so a test acting on an event acts on committed state. A batch rolled back (to be run again) publishes
/// nothing, so each event is seen once.
/// </summary>
internal sealed class BatchWitness(SeenEvents seen, DbSession db) : IAsyncDisposable
{
    private readonly List<ChatEvent> _events = [];

    public void Add(ChatEvent chatEvent) => _events.Add(chatEvent);

    public ValueTask DisposeAsync()
    {
        if (db.Committed)
        {
            seen.Add(_events);
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class RecordingFeature(BatchWitness witness) : IFeature
{
    public string Name => "test-recorder";

    public int Order => int.MaxValue;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        witness.Add(context.Event);
        return FeatureResults.NoneAsync;
    }
}
