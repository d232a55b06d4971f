using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Polls;

/// <summary>Bound from the <c>Polls</c> section.</summary>
public sealed class PollsOptions
{
    public const string Section = "Polls";

    /// <summary>How long a poll stays open when <c>/poll new</c> names no duration.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Polls:DefaultDuration must be 5 minutes to 30 days.")]
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most options a poll may have (one button each; Discord fits 25).</summary>
    [Range(2, 10, ErrorMessage = "Polls:MaxOptions must be 2 to 10.")]
    public int MaxOptions { get; set; } = 10;
}
