using Bot.Domain.Actions;
using Microsoft.Extensions.Logging;

namespace Bot.Domain.Pipeline;

/// <summary>Runs every feature on an event and collects their actions; a failing feature is logged and skipped.</summary>
public sealed partial class Dispatcher
{
    private readonly IFeature[] _features;
    private readonly IFeatureIsolation _isolation;
    private readonly ILogger<Dispatcher> _logger;

    public Dispatcher(IEnumerable<IFeature> features, IFeatureIsolation isolation, ILogger<Dispatcher> logger)
    {
        _features = [.. features.OrderBy(f => f.Order).ThenBy(f => f.Name, StringComparer.Ordinal)];
        _isolation = isolation;
        _logger = logger;
    }

    public IReadOnlyList<IFeature> Features => _features;

    public async Task<IReadOnlyList<BotAction>> DispatchAsync(EventContext context, CancellationToken ct)
    {
        var actions = new List<BotAction>();
        foreach (var feature in _features)
        {
            await _isolation.EnterAsync(feature.Name, ct);
            try
            {
                actions.AddRange(await feature.HandleAsync(context, ct));
            }
            catch (Exception ex) when ((ex is not OperationCanceledException || !ct.IsCancellationRequested) && !_isolation.IsTransient(ex))
            {
                LogFeatureFailed(feature.Name, context.Event.EventId, context.Event.GetType().Name, ex);
                await _isolation.FailAsync(feature.Name, ct);
            }
        }

        return actions;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Feature {Feature} failed on event {EventId} ({EventType}); the other features went on")]
    private partial void LogFeatureFailed(string feature, string eventId, string eventType, Exception exception);
}
