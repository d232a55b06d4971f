using System.ComponentModel.DataAnnotations;

namespace Bot.Adapters.Scheduling;

/// <summary>
/// Bound from the <c>Scheduling</c> section: how the clustered Quartz scheduler takes due timers from Postgres.
/// Each acquisition and each fire is a transaction under the cluster's row lock, so throughput comes from doing
/// many timers per transaction (<see cref="BatchSize"/>) and from jobs that return quickly.
/// </summary>
public sealed class SchedulingOptions : IValidatableObject
{
    public const string Section = "Scheduling";

    /// <summary>Timer jobs running at once. A timer job only commits its event and returns, so this may be well above the core count.</summary>
    [Range(1, 200, ErrorMessage = "Scheduling:MaxConcurrency must be from 1 to 200.")]
    public int MaxConcurrency { get; set; } = 50;

    /// <summary>Due timers taken from the store in one transaction (never more than <see cref="MaxConcurrency"/>).</summary>
    [Range(1, 200, ErrorMessage = "Scheduling:BatchSize must be from 1 to 200.")]
    public int BatchSize { get; set; } = 50;

    /// <summary>
    /// Timers due within this long after the first of a batch fire together with it (so up to this much early);
    /// zero batches only timers that are already due.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "Scheduling:FireAheadWindow must be from 00:00:00 to 00:00:01.")]
    public TimeSpan FireAheadWindow { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long an idle scheduler waits before looking for timers again; sooner when this process schedules one.
    /// A timer scheduled by another process may wait this long to be noticed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "Scheduling:IdleWaitTime must be from 00:00:01 to 00:05:00.")]
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the job rows of fired one-off timers are removed (see <see cref="SpentTimerCleanup"/>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Scheduling:CleanupInterval must be from 00:01:00 to 1.00:00:00.")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BatchSize > MaxConcurrency)
        {
            yield return new ValidationResult(
                $"Scheduling:BatchSize ({BatchSize}) must not exceed Scheduling:MaxConcurrency ({MaxConcurrency}): a batch never takes more timers than there are free jobs.",
                [nameof(BatchSize)]);
        }
    }
}
