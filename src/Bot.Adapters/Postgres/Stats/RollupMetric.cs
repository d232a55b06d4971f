using System.Text;
using System.Text.RegularExpressions;
using Bot.Domain.Stats;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Adapters.Postgres.Stats;

/// <summary>
/// One metric of the daily roll-up: its definition and a SQL fragment that computes it for one community and
/// one local day. The fragment selects <c>dimension text, value float8, base float8</c> (zero or more rows) and
/// may use the parameters <c>@c</c> (community), <c>@tz</c> (IANA zone) and the relations of <see cref="RollupSql.Shared"/>:
/// <c>bounds (day date, day_start timestamptz, day_end timestamptz)</c> (local midnight to midnight),
/// <c>day_messages (channel_id text, slot timestamptz, n bigint)</c> (the day's messages per channel and quarter-hour),
/// <c>recent_authors (user_id text, last_at timestamptz)</c> (everyone who posted in the 30 days up to the day's end).
/// Features add theirs with <see cref="RollupMetricRegistration.AddRollupMetric"/>.
/// </summary>
public sealed partial record RollupMetric(MetricDefinition Definition, string Sql)
{
    public string Key => KeyPattern().IsMatch(Definition.Key)
        ? Definition.Key
        : throw new InvalidOperationException($"Stats metric key '{Definition.Key}' must be lowercase letters, digits and '_'.");

    [GeneratedRegex("^[a-z][a-z0-9_]{0,47}$")]
    private static partial Regex KeyPattern();
}

/// <summary>
/// All registered metrics as one set-based query for a day (<see cref="Query"/>), and the statement that replaces
/// the day's rows with its result (<see cref="Replace"/>). They are two statements because Postgres runs a plain
/// query with parallel workers but never the query inside an INSERT; both run in the caller's transaction.
/// </summary>
public sealed class RollupSql
{
    /// <summary>
    /// The relations every fragment may read, each computed once per roll-up (Postgres skips those no fragment reads):
    /// the day's messages are read once for all message counts, the last 30 days once for all active-member counts.
    /// </summary>
    public const string Shared =
        """
        with bounds as materialized (
            select @day::date as day, timezone(@tz, @day::date::timestamp) as day_start, timezone(@tz, (@day::date + 1)::timestamp) as day_end),
        day_messages as materialized (
            select x.channel_id, date_bin('15 minutes', x.at, b.day_start) as slot, count(*) as n
            from messages x, bounds b
            where x.community = @c and x.at >= b.day_start and x.at < b.day_end
            group by 1, 2),
        recent_authors as materialized (
            select x.user_id, max(x.at) as last_at
            from messages x, bounds b
            where x.community = @c and x.at >= timezone(@tz, (b.day - 29)::timestamp) and x.at < b.day_end
            group by x.user_id)
        """;

    public RollupSql(IEnumerable<RollupMetric> metrics)
    {
        var fragments = metrics.Select(m => $"select '{m.Key}'::text as metric, f.dimension::text, f.value::float8, f.base::float8 from (\n{m.Sql}\n) f").ToList();
        if (fragments.Count == 0)
        {
            throw new InvalidOperationException("No stats metrics are registered.");
        }

        Query = new StringBuilder()
            .AppendLine("set local work_mem = '64MB';")
            // The query's estimated cost crosses the JIT thresholds, and compiling its many expressions took 5 of 7 seconds.
            .AppendLine("set local jit = off;")
            .AppendLine(Shared)
            .AppendLine("select r.metric, r.dimension, r.value, r.base from (")
            .AppendLine(string.Join("\nunion all\n", fragments))
            .AppendLine(") r;")
            .ToString();
    }

    public string Query { get; }

    /// <remarks>
    /// Two transactions replacing the same day (a <c>/stats</c> catching up while the tick does) would both delete
    /// nothing and both insert: the day's lock makes the second wait and then replace what the first wrote.
    /// </remarks>
    public string Replace { get; } =
        """
        select pg_advisory_xact_lock(hashtextextended('stats_daily/' || @c || '/' || @day, 0));
        delete from stats_daily where community = @c and day = @day::date;
        insert into stats_daily (community, day, metric, dimension, value, base)
        select @c, @day::date, m, d, v, b from unnest(@metrics, @dimensions, @values, @bases) as t(m, d, v, b);
        insert into stats_rollups (community, day, time_zone) values (@c, @day::date, @tz)
        on conflict (community, day) do update set time_zone = excluded.time_zone, computed_at = now();
        """;
}

public static class RollupMetricRegistration
{
    /// <summary>Adds a metric to the daily roll-up, <c>/stats</c>, KPIs and exports.</summary>
    public static IServiceCollection AddRollupMetric(this IServiceCollection services, MetricDefinition definition, string sql)
    {
        services.AddSingleton(new RollupMetric(definition, sql));
        return services;
    }
}
