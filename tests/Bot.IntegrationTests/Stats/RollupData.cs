using Bot.Domain.Stats;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Stats;

/// <summary>
/// Random members, messages, audit entries, FAQ questions, posts with their reactions and replies, invited joins and
/// tier rises for one community, inserted into Postgres, and the roll-up recomputed from them the plain way (LINQ over
/// the same lists) to compare with what the SQL stored.
/// </summary>
public sealed partial class RollupData
{
    public sealed record MemberRow(string UserId, DateTimeOffset FirstSeen, DateTimeOffset? JoinedAt, DateTimeOffset? LeftAt);

    public sealed record MessageRow(string ChannelId, string MessageId, string UserId, DateTimeOffset At);

    public sealed record AuditRow(DateTimeOffset At, string Action);

    public required string Community { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    public List<MemberRow> Members { get; } = [];

    public List<MessageRow> Messages { get; } = [];

    public List<AuditRow> Audit { get; } = [];

    public static RollupData Generate(string community, TimeZoneInfo zone, DateOnly firstDay, int days, int members, int messages, int seed, long firstPostId = 1)
    {
        var random = new Random(seed);
        var data = new RollupData { Community = community, Zone = zone };
        var start = Midnight(zone, firstDay);
        var end = Midnight(zone, firstDay.AddDays(days));
        var span = (end - start).TotalSeconds;
        DateTimeOffset At(double fromSeconds, double toSeconds) => start.AddSeconds(Math.Floor(fromSeconds + (random.NextDouble() * (toSeconds - fromSeconds))));
        for (var i = 0; i < members; i++)
        {
            var joined = At(0, span);
            var veteran = random.NextDouble() < 0.15;
            var firstSeen = veteran ? start.AddDays(-random.Next(1, 30)) : joined;
            var left = !veteran && random.NextDouble() < 0.25 ? joined.AddSeconds(random.Next(60, 20 * 86400)) : (DateTimeOffset?)null;
            data.Members.Add(new MemberRow($"u{i}", firstSeen, veteran ? null : joined, left < end ? left : null));
        }

        var channels = new[] { "general", "random", "help", "announcements" };
        for (var i = 0; i < messages; i++)
        {
            var author = data.Members[random.Next(data.Members.Count)];
            var from = author.JoinedAt ?? start;
            var to = author.LeftAt ?? end;
            var at = At((from - start).TotalSeconds, (to - start).TotalSeconds);
            data.Messages.Add(new MessageRow(channels[random.Next(channels.Length)], $"m{i}", author.UserId, at));
        }

        var actions = new[] { "warn", "timeout", "ban", "delete", "command", "staff-grant" };
        for (var i = 0; i < days * 3; i++)
        {
            data.Audit.Add(new AuditRow(At(0, span), actions[random.Next(actions.Length)]));
        }

        data.GenerateFeatures(random, start, end, firstPostId);
        return data;
    }

    public async Task InsertAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(
            """
            insert into members (community, user_id, display_name, first_seen, last_seen, joined_at, left_at)
            select @c, u, u, f, f, j, l from unnest(@users, @first, @joined, @left) as t(u, f, j, l)
            """,
            new
            {
                c = Community,
                users = Members.Select(m => m.UserId).ToArray(),
                first = Members.Select(m => m.FirstSeen).ToArray(),
                joined = Members.Select(m => m.JoinedAt).ToArray(),
                left = Members.Select(m => m.LeftAt).ToArray(),
            });
        await connection.ExecuteAsync(
            """
            insert into messages (community, channel_id, message_id, user_id, at, text, length)
            select @c, ch, id, u, a, 'x', 1 from unnest(@channels, @ids, @users, @ats) as t(ch, id, u, a)
            """,
            new
            {
                c = Community,
                channels = Messages.Select(m => m.ChannelId).ToArray(),
                ids = Messages.Select(m => m.MessageId).ToArray(),
                users = Messages.Select(m => m.UserId).ToArray(),
                ats = Messages.Select(m => m.At).ToArray(),
            });
        await connection.ExecuteAsync(
            "insert into audit_log (community, at, action, source, reason) select @c, a, act, 'test', '' from unnest(@ats, @actions) as t(a, act)",
            new { c = Community, ats = Audit.Select(a => a.At).ToArray(), actions = Audit.Select(a => a.Action).ToArray() });
        await InsertFeaturesAsync(connection);
    }

    public static DateTimeOffset Midnight(TimeZoneInfo zone, DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Every row the roll-up of <paramref name="day"/> should store, as (metric, dimension, value, base).</summary>
    public IEnumerable<(string Metric, string Dimension, double Value, double Base)> Expected(DateOnly day)
    {
        var start = Midnight(Zone, day);
        var end = Midnight(Zone, day.AddDays(1));
        bool InDay(DateTimeOffset at) => at >= start && at < end;
        var today = Messages.Where(m => InDay(m.At)).ToList();

        yield return (CoreMetrics.Members, "", Members.Count(m => (m.JoinedAt ?? m.FirstSeen) < end && (m.LeftAt is null || m.LeftAt >= end)), 0);
        yield return (CoreMetrics.Joins, "", Members.Count(m => m.JoinedAt is { } j && InDay(j)), 0);
        yield return (CoreMetrics.Leaves, "", Members.Count(m => m.LeftAt is { } l && InDay(l)), 0);
        foreach (var (key, days) in new[] { (CoreMetrics.Dau, 1), (CoreMetrics.Wau, 7), (CoreMetrics.Mau, 30) })
        {
            var from = Midnight(Zone, day.AddDays(1 - days));
            yield return (key, "", Messages.Where(m => m.At >= from && m.At < end).Select(m => m.UserId).Distinct().Count(), 0);
        }

        yield return (CoreMetrics.Messages, "", today.Count, 0);
        foreach (var channel in today.GroupBy(m => m.ChannelId))
        {
            yield return (CoreMetrics.MessagesByChannel, channel.Key, channel.Count(), 0);
        }

        foreach (var hour in today.GroupBy(m => TimeZoneInfo.ConvertTime(m.At, Zone).Hour))
        {
            yield return (CoreMetrics.MessagesByHour, hour.Key.ToString("00", System.Globalization.CultureInfo.InvariantCulture), hour.Count(), 0);
        }

        foreach (var (days, key) in CoreMetrics.Retention)
        {
            var cohortDay = day.AddDays(-days);
            var cohort = Members.Where(m => m.JoinedAt is { } j && j >= Midnight(Zone, cohortDay) && j < Midnight(Zone, cohortDay.AddDays(1))).ToList();
            var windowStart = Midnight(Zone, day.AddDays(1 - Math.Min(days, 7)));
            var retained = cohort.Count(m => (m.LeftAt is null || m.LeftAt >= end)
                && Messages.Any(x => x.UserId == m.UserId && x.At >= windowStart && x.At < end));
            if (cohort.Count > 0)
            {
                yield return (key, Iso(cohortDay), retained, cohort.Count);
            }
        }

        var joinedWeekAgo = day.AddDays(-7);
        var converting = Members.Where(m => m.JoinedAt is { } j && j >= Midnight(Zone, joinedWeekAgo) && j < Midnight(Zone, joinedWeekAgo.AddDays(1))).ToList();
        if (converting.Count > 0)
        {
            var converted = converting.Count(m => Messages.Any(x =>
                x.UserId == m.UserId && x.At >= m.JoinedAt && x.At < (m.JoinedAt!.Value.AddDays(7) < end ? m.JoinedAt.Value.AddDays(7) : end)));
            yield return (CoreMetrics.Conversion, Iso(joinedWeekAgo), converted, converting.Count);
        }

        foreach (var action in Audit.Where(a => InDay(a.At) && a.Action is not ("command" or "staff-grant" or "staff-revoke")).GroupBy(a => a.Action))
        {
            yield return (CoreMetrics.Moderation, action.Key, action.Count(), 0);
        }

        foreach (var row in ExpectedFeatures(day))
        {
            yield return row;
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
