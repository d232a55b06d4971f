using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Content;

/// <summary>Bound from the <c>Content</c> section.</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>A post whose time passed while the bot was down is still published when it is at most this late; otherwise it is marked missed.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Content:GracePeriod must be from 00:01:00 to 1.00:00:00.")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How far ahead <c>peak</c> looks for a slot.</summary>
    [Range(1, 28, ErrorMessage = "Content:PeakHorizonDays must be from 1 to 28.")]
    public int PeakHorizonDays { get; set; } = 7;

    /// <summary>How many days of messages the activity histogram counts.</summary>
    [Range(7, 90, ErrorMessage = "Content:HistoryDays must be from 7 to 90.")]
    public int HistoryDays { get; set; } = 28;

    /// <summary>Attempts to publish in one channel when the platform refuses, before staff are told.</summary>
    [Range(1, 10, ErrorMessage = "Content:PublishAttempts must be from 1 to 10.")]
    public int PublishAttempts { get; set; } = 4;

    /// <summary>The wait before the first retry; each later retry waits twice as long as the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Content:RetryDelay must be from 00:00:01 to 01:00:00.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan PeakHorizon => TimeSpan.FromDays(PeakHorizonDays);

    public TimeSpan RetryAfter(int attempt) => RetryDelay * Math.Pow(2, Math.Max(0, attempt - 1));
}
