using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Engagement;

/// <summary>Bound from the <c>Engagement</c> section: limits for giveaways, meetups and contests.</summary>
public sealed class EngagementOptions : IValidatableObject
{
    public const string Section = "Engagement";

    private static readonly TimeSpan[] DefaultReminderLeads = [TimeSpan.FromDays(1), TimeSpan.FromHours(1)];

    [Range(1, 100)]
    public int MaxWinners { get; set; } = 20;

    /// <summary>
    /// How long before a meetup's start each reminder goes out (empty: a day and an hour). The configuration
    /// binder appends to a list's initial items, so the defaults live in <see cref="ReminderLeadTimes"/>.
    /// </summary>
    public List<TimeSpan> ReminderLeads { get; set; } = [];

    public IReadOnlyList<TimeSpan> ReminderLeadTimes => ReminderLeads.Count > 0 ? ReminderLeads : DefaultReminderLeads;

    /// <summary>A meetup's length: messages in this window count as "during it", and the rating poll opens at its end.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00")]
    public TimeSpan MeetupLength { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Members who joined this long before the start until this long after the end count as "joined around it".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromDays(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReminderLeads.Any(l => l <= TimeSpan.Zero || l > TimeSpan.FromDays(30)))
        {
            yield return new ValidationResult("Engagement:ReminderLeads must each be between 0 and 30 days.", [nameof(ReminderLeads)]);
        }
    }
}
