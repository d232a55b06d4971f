using Bot.Domain.Stats;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Stats;

/// <summary>The other features' rows of <see cref="RollupData"/>, and their metrics recomputed the plain way.</summary>
public sealed partial class RollupData
{
    private static readonly string[] NotCounted = ["Rejoin", "TooYoung", "SelfInvite"];

    public sealed record QuestionRow(string ChannelId, string MessageId, string UserId, DateTimeOffset At, bool Answered);

    public sealed record PublicationRow(long PostId, DateTimeOffset Occurrence, string ChannelId, string MessageId, DateTimeOffset PublishedAt);

    public sealed record EngagementRow(PublicationRow Target, string Kind, string UserId, string Key, DateTimeOffset At);

    public sealed record InviteRow(string UserId, string InviterId, DateTimeOffset JoinedAt, string Status, DateTimeOffset? DecidedAt, DateTimeOffset? LeftAt);

    /// <summary>A member known to tiering; <see cref="ReachedAt"/> is when they rose to the active tier, if they did.</summary>
    public sealed record TierRow(string UserId, DateTimeOffset ScoreAt, DateTimeOffset? ReachedAt);

    public List<QuestionRow> Questions { get; } = [];

    public List<PublicationRow> Publications { get; } = [];

    public List<EngagementRow> Engagement { get; } = [];

    public List<InviteRow> Invites { get; } = [];

    public List<TierRow> Tiers { get; } = [];

    private void GenerateFeatures(Random random, DateTimeOffset start, DateTimeOffset end, long firstPostId)
    {
        var span = (end - start).TotalSeconds;
        DateTimeOffset Any() => start.AddSeconds(Math.Floor(random.NextDouble() * span));
        string Someone() => Members[random.Next(Members.Count)].UserId;
        var days = (int)Math.Round((end - start).TotalDays);
        for (var i = 0; i < days * 15; i++)
        {
            Questions.Add(new QuestionRow("help", $"q{i}", Someone(), Any(), random.NextDouble() < 0.6));
        }

        for (var post = firstPostId; post < firstPostId + 12; post++)
        {
            for (var occurrence = 0; occurrence < random.Next(1, 4); occurrence++)
            {
                // Channels publish up to three minutes apart, so an occurrence near midnight may straddle two days.
                var at = Any();
                foreach (var channel in new[] { "general", "announcements" }.Take(random.Next(1, 3)))
                {
                    Publications.Add(new PublicationRow(post, at, channel, $"p{post}-{occurrence}-{channel}", at.AddSeconds(random.Next(0, 180))));
                }
            }
        }

        foreach (var publication in Publications)
        {
            for (var i = 0; i < random.Next(0, 16); i++)
            {
                var kind = random.NextDouble() < 0.6 ? "reaction" : "reply";
                Engagement.Add(new EngagementRow(publication, kind, Someone(), $"{kind}{Engagement.Count}", publication.PublishedAt.AddSeconds(random.Next(1, 4 * 86400))));
            }
        }

        var statuses = new[] { "Pending", "Qualified", "Rewarded", "Left", "Expired", "Rejoin", "TooYoung", "SelfInvite" };
        foreach (var member in Members.Where(m => m.JoinedAt is not null))
        {
            if (random.NextDouble() < 0.4)
            {
                var status = statuses[random.Next(statuses.Length)];
                var decided = status is "Qualified" or "Rewarded" or "Expired" ? member.JoinedAt!.Value.AddSeconds(random.Next(3600, 10 * 86400)) : (DateTimeOffset?)null;
                Invites.Add(new InviteRow(member.UserId, Members[random.Next(20)].UserId, member.JoinedAt!.Value, status, decided, member.LeftAt));
            }

            if (random.NextDouble() < 0.5)
            {
                var reached = member.JoinedAt!.Value.AddSeconds(random.Next(-86400, 40 * 86400));
                Tiers.Add(new TierRow(member.UserId, member.JoinedAt.Value, random.NextDouble() < 0.6 && reached < end ? reached : null));
            }
        }
    }

    private async Task InsertFeaturesAsync(NpgsqlConnection connection)
    {
        await connection.ExecuteAsync(
            """
            insert into faq_questions (community, channel_id, message_id, user_id, at, answered)
            select @c, ch, id, u, a, ans from unnest(@channels, @ids, @users, @ats, @answered) as t(ch, id, u, a, ans)
            """,
            new
            {
                c = Community,
                channels = Questions.Select(q => q.ChannelId).ToArray(),
                ids = Questions.Select(q => q.MessageId).ToArray(),
                users = Questions.Select(q => q.UserId).ToArray(),
                ats = Questions.Select(q => q.At).ToArray(),
                answered = Questions.Select(q => q.Answered).ToArray(),
            });
        await connection.ExecuteAsync(
            """
            insert into content_posts (id, community, author_id, title, body, tags, channels, state, created_at)
            select distinct p, @c, 'staff', 't', 'b', '{}'::text[], '{general}'::text[], 'published', now() from unnest(@posts) as t(p);
            insert into content_publications (post_id, occurrence, channel_id, message_id, published_at)
            select p, o, ch, m, a from unnest(@posts, @occurrences, @channels, @messages, @ats) as t(p, o, ch, m, a);
            """,
            new
            {
                c = Community,
                posts = Publications.Select(p => p.PostId).ToArray(),
                occurrences = Publications.Select(p => p.Occurrence).ToArray(),
                channels = Publications.Select(p => p.ChannelId).ToArray(),
                messages = Publications.Select(p => p.MessageId).ToArray(),
                ats = Publications.Select(p => p.PublishedAt).ToArray(),
            });
        await connection.ExecuteAsync(
            """
            insert into content_engagement (community, post_id, occurrence, channel_id, message_id, kind, user_id, key, at)
            select @c, p, o, ch, m, k, u, key, a from unnest(@posts, @occurrences, @channels, @messages, @kinds, @users, @keys, @ats) as t(p, o, ch, m, k, u, key, a)
            """,
            new
            {
                c = Community,
                posts = Engagement.Select(e => e.Target.PostId).ToArray(),
                occurrences = Engagement.Select(e => e.Target.Occurrence).ToArray(),
                channels = Engagement.Select(e => e.Target.ChannelId).ToArray(),
                messages = Engagement.Select(e => e.Target.MessageId).ToArray(),
                kinds = Engagement.Select(e => e.Kind).ToArray(),
                users = Engagement.Select(e => e.UserId).ToArray(),
                keys = Engagement.Select(e => e.Key).ToArray(),
                ats = Engagement.Select(e => e.At).ToArray(),
            });
        await connection.ExecuteAsync(
            """
            insert into invite_joins (community, user_id, display_name, code, inviter_id, joined_at, certain, status, left_at, decided_at)
            select @c, u, u, 'code', i, j, true, s, l, d from unnest(@users, @inviters, @joined, @statuses, @left, @decided) as t(u, i, j, s, l, d)
            """,
            new
            {
                c = Community,
                users = Invites.Select(i => i.UserId).ToArray(),
                inviters = Invites.Select(i => i.InviterId).ToArray(),
                joined = Invites.Select(i => i.JoinedAt).ToArray(),
                statuses = Invites.Select(i => i.Status).ToArray(),
                left = Invites.Select(i => i.LeftAt).ToArray(),
                decided = Invites.Select(i => i.DecidedAt).ToArray(),
            });

        // Everyone starts at the lowest tier; rising to Active goes through the tiering table's trigger, as in production.
        await connection.ExecuteAsync(
            """
            insert into tier_members (community, user_id, score_at, tier) select @c, u, s, 0 from unnest(@users, @scores) as t(u, s);
            update tier_members m set tier = 1, tier_changed_at = t.r from unnest(@reachedUsers, @reached) as t(u, r)
            where m.community = @c and m.user_id = t.u;
            """,
            new
            {
                c = Community,
                users = Tiers.Select(t => t.UserId).ToArray(),
                scores = Tiers.Select(t => t.ScoreAt).ToArray(),
                reachedUsers = Tiers.Where(t => t.ReachedAt is not null).Select(t => t.UserId).ToArray(),
                reached = Tiers.Where(t => t.ReachedAt is not null).Select(t => t.ReachedAt!.Value).ToArray(),
            });
    }

    private IEnumerable<(string Metric, string Dimension, double Value, double Base)> ExpectedFeatures(DateOnly day)
    {
        var start = Midnight(Zone, day);
        var end = Midnight(Zone, day.AddDays(1));
        bool InDay(DateTimeOffset at) => at >= start && at < end;
        bool Active(string user, DateTimeOffset from) => Messages.Any(x => x.UserId == user && x.At >= from && x.At < end);

        // No tickets or feedback in this data: their ratios are empty every day.
        yield return (FeatureMetrics.FirstResponse, "", 0, 0);
        yield return (FeatureMetrics.Resolution, "", 0, 0);
        yield return (FeatureMetrics.Satisfaction, "", 0, 0);
        yield return (FeatureMetrics.FaqHelpfulness, "", 0, 0);

        var questions = Questions.Where(q => InDay(q.At)).ToList();
        yield return (FeatureMetrics.FaqAnswerRate, "", questions.Count(q => q.Answered), questions.Count);

        yield return (FeatureMetrics.PostsPublished, "", Publications.Where(p => InDay(p.PublishedAt)).Select(p => p.PostId).Distinct().Count(), 0);
        var engagementStart = Midnight(Zone, day.AddDays(-FeatureMetrics.EngagementDays));
        var occurrences = Publications.GroupBy(p => (p.PostId, p.Occurrence))
            .Select(g => (g.Key.PostId, g.Key.Occurrence, First: g.Min(p => p.PublishedAt)))
            .Where(o => o.First >= engagementStart && o.First < Midnight(Zone, day.AddDays(1 - FeatureMetrics.EngagementDays)))
            .ToList();
        foreach (var (metric, kind) in new[] { (FeatureMetrics.PostReactions, "reaction"), (FeatureMetrics.PostReplies, "reply") })
        {
            foreach (var post in occurrences.GroupBy(o => o.PostId))
            {
                var count = post.Sum(o => Engagement.Count(e => e.Target.PostId == o.PostId && e.Target.Occurrence == o.Occurrence && e.Kind == kind
                    && e.At < o.First.AddDays(FeatureMetrics.EngagementDays)));
                yield return (metric, post.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), count, post.Count());
            }
        }

        yield return (FeatureMetrics.InviteJoins, "", Invites.Count(i => InDay(i.JoinedAt)), 0);
        yield return (FeatureMetrics.InviteQualified, "", Invites.Count(i => i.DecidedAt is { } d && InDay(d) && i.Status is "Qualified" or "Rewarded"), 0);
        var counted = Invites.Where(i => !NotCounted.Contains(i.Status)).ToList();
        var invitedWeekAgo = counted.Where(i => i.JoinedAt >= Midnight(Zone, day.AddDays(-7)) && i.JoinedAt < Midnight(Zone, day.AddDays(-6))).ToList();
        if (invitedWeekAgo.Count > 0)
        {
            var still = invitedWeekAgo.Count(i => (i.LeftAt is null || i.LeftAt >= end) && Active(i.UserId, Midnight(Zone, day.AddDays(-6))));
            yield return (FeatureMetrics.InviteRetention, Iso(day.AddDays(-7)), still, invitedWeekAgo.Count);
        }

        var monthStart = Midnight(Zone, day.AddDays(-29));
        yield return (FeatureMetrics.Inviters, "", counted.Where(i => i.JoinedAt >= monthStart && i.JoinedAt < end).Select(i => i.InviterId).Distinct().Count(), 0);

        yield return (FeatureMetrics.ActiveTierShare, "", Tiers.Count(t => t.ReachedAt is not null), Tiers.Count);
        var horizon = FeatureMetrics.ActiveTierDays;
        var cohortDay = day.AddDays(-horizon);
        var cohort = Members.Where(m => m.JoinedAt is { } j && j >= Midnight(Zone, cohortDay) && j < Midnight(Zone, cohortDay.AddDays(1))).ToList();
        if (cohort.Count > 0)
        {
            var rose = cohort.Count(m => Tiers.Any(t => t.UserId == m.UserId && t.ReachedAt is { } r
                && r < (m.JoinedAt!.Value.AddDays(horizon) < end ? m.JoinedAt.Value.AddDays(horizon) : end)));
            yield return (FeatureMetrics.ConversionActive, Iso(cohortDay), rose, cohort.Count);
        }
    }
}
