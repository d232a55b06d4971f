using Bot.Domain.Polls;
using Bot.Domain.Stats;

namespace Bot.Adapters.Postgres.Polls;

/// <summary>
/// Poll results for <c>/export</c>: votes per <c>poll:option</c> (dimension), counted on the day each member's vote was
/// last cast, so a range covering a poll's life sums to its result.
/// </summary>
public static class PollRollupMetrics
{
    public const string PollVotes = "poll_votes";

    public static readonly MetricDefinition Definition = new(PollVotes, MetricAggregation.Sum, MetricUnit.Count, PollsText.Texts, KeyFigure: false);

    public const string Sql =
        """
        select v.poll_id::text || ':' || p.options[v.option + 1] as dimension, count(*) as value, 0 as base
        from poll_votes v join polls p on p.id = v.poll_id, bounds b
        where v.community = @c and v.at >= b.day_start and v.at < b.day_end
        group by v.poll_id, v.option, p.options
        """;
}
