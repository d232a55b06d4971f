using System.ComponentModel.DataAnnotations;

namespace Bot.Adapters.Pipeline;

/// <summary>Bound from the <c>Outbox</c> section: leases, retries and the sending queues.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>
    /// How long a claimed action stays this process's without renewal (renewed every third of it while queued or
    /// waiting on a rate limit). After a crash, another process (or the restarted one) takes it up once it runs out.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "01:00:00", ErrorMessage = "Outbox:LeaseDuration must be from 00:00:03 to 01:00:00.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tries of an action that keeps failing (platform down, 429 that outlasts its retries) before it becomes a dead letter.</summary>
    [Range(1, 50, ErrorMessage = "Outbox:MaxAttempts must be from 1 to 50.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Actions queued for sending in this process before ingest waits (back-pressure).</summary>
    [Range(10, 1_000_000, ErrorMessage = "Outbox:MaxQueued must be from 10 to 1000000.")]
    public int MaxQueued { get; set; } = 20_000;

    /// <summary>How often expired leases are looked for (actions of a crashed process, retries whose back-off is over).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Outbox:ReplayInterval must be from 00:00:00.100 to 00:05:00.")]
    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(2);
}
