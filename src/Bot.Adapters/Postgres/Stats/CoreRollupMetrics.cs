using Bot.Domain.Stats;

namespace Bot.Adapters.Postgres.Stats;

/// <summary>
/// The roll-up of the core tables. "Active" means posted a message. Members: the platform's last member count within
/// the day (<c>stats_member_counts</c>); without one, a member counts on a day when they had joined
/// (or were first seen) before its end and had not left by then. Retention after N days: of the members who joined
/// on day D−N, those still in and active during the last min(N, 7) days up to D. Conversion: of the members who
/// joined on day D−7, those who posted within 7 days of joining. Moderation: audit entries other than staff commands.
/// </summary>
public static class CoreRollupMetrics
{
    /// <summary>The platform's last count within the day when there is one, else the members seen.</summary>
    private const string Members =
        """
        select '' as dimension, coalesce(
            (select p.members from stats_member_counts p
             where p.community = @c and p.at >= b.day_start and p.at < b.day_end order by p.at desc limit 1),
            (select count(*) from members m
             where m.community = @c and coalesce(m.joined_at, m.first_seen) < b.day_end and (m.left_at is null or m.left_at >= b.day_end))) as value,
            0 as base
        from bounds b
        """;

    private const string Joins =
        """
        select '' as dimension, count(*) as value, 0 as base
        from members m, bounds b
        where m.community = @c and m.joined_at >= b.day_start and m.joined_at < b.day_end
        """;

    private const string Leaves =
        """
        select '' as dimension, count(*) as value, 0 as base
        from members m, bounds b
        where m.community = @c and m.left_at >= b.day_start and m.left_at < b.day_end
        """;

    private const string Messages =
        """
        select '' as dimension, coalesce(sum(d.n), 0) as value, 0 as base
        from day_messages d
        """;

    private const string MessagesByChannel =
        """
        select d.channel_id as dimension, sum(d.n) as value, 0 as base
        from day_messages d
        group by d.channel_id
        """;

    /// <summary>A quarter-hour slot lies within one local hour in every zone (offsets are whole quarter-hours).</summary>
    private const string MessagesByHour =
        """
        select lpad(extract(hour from d.slot at time zone @tz)::text, 2, '0') as dimension, sum(d.n) as value, 0 as base
        from day_messages d
        group by 1
        """;

    private const string Conversion =
        """
        select to_char(b.day - 7, 'YYYY-MM-DD') as dimension,
               count(*) filter (where exists (
                   select 1 from messages x
                   where x.community = m.community and x.user_id = m.user_id
                     and x.at >= m.joined_at and x.at < least(m.joined_at + interval '7 days', b.day_end))) as value,
               count(*) as base
        from members m, bounds b
        where m.community = @c and m.joined_at >= timezone(@tz, (b.day - 7)::timestamp) and m.joined_at < timezone(@tz, (b.day - 6)::timestamp)
        group by b.day
        """;

    private const string Moderation =
        """
        select a.action as dimension, count(*) as value, 0 as base
        from audit_log a, bounds b
        where a.community = @c and a.at >= b.day_start and a.at < b.day_end and a.action not in ('command', 'staff-grant', 'staff-revoke')
        group by a.action
        """;

    public static IEnumerable<RollupMetric> All()
    {
        var sql = new Dictionary<string, string>
        {
            [CoreMetrics.Members] = Members,
            [CoreMetrics.Joins] = Joins,
            [CoreMetrics.Leaves] = Leaves,
            [CoreMetrics.Dau] = ActiveMembers(1),
            [CoreMetrics.Wau] = ActiveMembers(7),
            [CoreMetrics.Mau] = ActiveMembers(30),
            [CoreMetrics.Messages] = Messages,
            [CoreMetrics.MessagesByChannel] = MessagesByChannel,
            [CoreMetrics.MessagesByHour] = MessagesByHour,
            [CoreMetrics.Conversion] = Conversion,
            [CoreMetrics.Moderation] = Moderation,
        };
        foreach (var (days, key) in CoreMetrics.Retention)
        {
            sql[key] = Retention(days);
        }

        return CoreMetrics.Definitions.Select(d => new RollupMetric(d, sql[d.Key]));
    }

    /// <summary>Members who posted in the <paramref name="days"/> local days ending with the rolled-up day.</summary>
    private static string ActiveMembers(int days) =>
        $"""
        select '' as dimension, count(*) as value, 0 as base
        from recent_authors a, bounds b
        where a.last_at >= timezone(@tz, (b.day - {days - 1})::timestamp)
        """;

    private static string Retention(int days) =>
        $"""
        select to_char(b.day - {days}, 'YYYY-MM-DD') as dimension,
               count(*) filter (where (m.left_at is null or m.left_at >= b.day_end) and exists (
                   select 1 from messages x
                   where x.community = m.community and x.user_id = m.user_id
                     and x.at >= timezone(@tz, (b.day - {Math.Min(days, 7) - 1})::timestamp) and x.at < b.day_end)) as value,
               count(*) as base
        from members m, bounds b
        where m.community = @c and m.joined_at >= timezone(@tz, (b.day - {days})::timestamp) and m.joined_at < timezone(@tz, (b.day - {days - 1})::timestamp)
        group by b.day
        """;
}
