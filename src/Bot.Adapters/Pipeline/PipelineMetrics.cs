using System.Globalization;
using System.Text;
using Bot.Adapters.Postgres.Outbox;
using Bot.Adapters.Reliability;

namespace Bot.Adapters.Pipeline;

/// <summary>Counters and a latency histogram for <c>/metrics</c> (Prometheus text format).</summary>
public sealed class PipelineMetrics(DatabaseAvailability database)
{
    private static readonly double[] Buckets = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
    private readonly long[] _bucketCounts = new long[Buckets.Length + 1];
    private long _eventsIn;
    private long _duplicates;
    private long _actionsOut;
    private long _actionFailures;
    private long _featureErrors;
    private long _latencyCount;
    private long _latencyMicros;
    private long _deadLettered;
    private long _poisonUpdates;
    private OutboxHealth _outbox = new(0, 0, 0, 0);

    public void EventsIn(int count) => Interlocked.Add(ref _eventsIn, count);

    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public void ActionOut(bool succeeded)
    {
        Interlocked.Increment(ref _actionsOut);
        if (!succeeded)
        {
            Interlocked.Increment(ref _actionFailures);
        }
    }

    public void FeatureError() => Interlocked.Increment(ref _featureErrors);

    public void DeadLettered() => Interlocked.Increment(ref _deadLettered);

    public void PoisonUpdate() => Interlocked.Increment(ref _poisonUpdates);

    /// <summary>The outbox's figures as last read from the database (by the replayer, every few seconds).</summary>
    public void Outbox(OutboxHealth health) => _outbox = health;


    public void Latency(TimeSpan elapsed)
    {
        var seconds = elapsed.TotalSeconds;
        var bucket = Array.FindIndex(Buckets, b => seconds <= b);
        Interlocked.Increment(ref _bucketCounts[bucket < 0 ? Buckets.Length : bucket]);
        Interlocked.Increment(ref _latencyCount);
        Interlocked.Add(ref _latencyMicros, (long)elapsed.TotalMicroseconds);
    }

    public string Render()
    {
        var text = new StringBuilder();
        Counter(text, "bot_events_in_total", "Events received from adapters", _eventsIn);
        Counter(text, "bot_events_duplicate_total", "Events dropped as already processed", _duplicates);
        Counter(text, "bot_actions_out_total", "Actions executed", _actionsOut);
        Counter(text, "bot_action_failures_total", "Actions the platform refused or that failed", _actionFailures);
        Counter(text, "bot_feature_errors_total", "Feature exceptions caught by the dispatcher", _featureErrors);
        Counter(text, "bot_dead_letters_total", "Actions moved to the dead letters by this process", _deadLettered);
        Counter(text, "bot_poison_updates_total", "Platform updates set aside by this process after repeated failures", _poisonUpdates);
        var outbox = _outbox;
        Gauge(text, "bot_outbox_pending", "Outbox actions not done yet", outbox.Pending);
        Gauge(text, "bot_outbox_lag_seconds", "Age of the oldest outbox action not done yet", outbox.OldestPendingSeconds);
        Gauge(text, "bot_dead_letters", "Dead letters waiting for staff", outbox.DeadLetters);
        Gauge(text, "bot_poison_updates", "Updates set aside as poison", outbox.PoisonUpdates);
        Gauge(text, "bot_database_degraded", "1 while ingest waits for the database", database.IsDegraded ? 1 : 0);
        text.AppendLine("# HELP bot_pipeline_latency_seconds Time from a batch entering the pipeline to its commit");
        text.AppendLine("# TYPE bot_pipeline_latency_seconds histogram");
        long cumulative = 0;
        for (var i = 0; i < Buckets.Length; i++)
        {
            cumulative += Interlocked.Read(ref _bucketCounts[i]);
            text.Append(CultureInfo.InvariantCulture, $"bot_pipeline_latency_seconds_bucket{{le=\"{Buckets[i]}\"}} {cumulative}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"bot_pipeline_latency_seconds_bucket{{le=\"+Inf\"}} {Interlocked.Read(ref _latencyCount)}\n");
        text.Append(CultureInfo.InvariantCulture, $"bot_pipeline_latency_seconds_sum {Interlocked.Read(ref _latencyMicros) / 1e6}\n");
        text.Append(CultureInfo.InvariantCulture, $"bot_pipeline_latency_seconds_count {Interlocked.Read(ref _latencyCount)}\n");
        return text.ToString();
    }

    private static void Gauge(StringBuilder text, string name, string help, double value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n");

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}\n");
}
