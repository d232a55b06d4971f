using Bot.Domain.Pipeline;

namespace Bot.Domain.Stats;

/// <summary>
/// A part of the weekly report another feature writes (the suggestion box's hot issues): text for the week
/// [<paramref name="from"/>, <paramref name="to"/>), or null to add nothing.
/// </summary>
public interface IWeeklyReportSection
{
    Task<string?> BuildAsync(EventContext context, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
