using Bot.Adapters.Postgres.Core;
using Bot.Domain.Model;
using Bot.Domain.Surveys;

namespace Bot.Adapters.Postgres.Surveys;

public sealed class PostgresSurveyStore(DbSession db) : ISurveyStore
{
    public async Task<SurveySchedule?> GetScheduleAsync(CommunityRef community, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string ChannelId, int EveryDays)>(
            "select channel_id, every_days from survey_schedules where community = @c", new { c = community.ToString() }, ct);
        return rows is [var r] ? new SurveySchedule(r.ChannelId, r.EveryDays) : null;
    }

    public Task SetScheduleAsync(CommunityRef community, SurveySchedule schedule, UserRef by, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into survey_schedules (community, channel_id, every_days, set_by) values (@c, @ChannelId, @EveryDays, @by)
        on conflict (community) do update set channel_id = excluded.channel_id, every_days = excluded.every_days, set_by = excluded.set_by
        """,
        new { c = community.ToString(), schedule.ChannelId, schedule.EveryDays, by = by.Id }, ct);

    public async Task<bool> ClearScheduleAsync(CommunityRef community, CancellationToken ct) =>
        await db.ExecuteAsync("delete from survey_schedules where community = @c", new { c = community.ToString() }, ct) > 0;

    public Task<long> CreateAsync(Survey survey, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        "insert into surveys (community, channel_id, started_at, closes_at) values (@c, @ChannelId, @StartedAt, @ClosesAt) returning id",
        new { c = survey.Community.ToString(), survey.ChannelId, survey.StartedAt, survey.ClosesAt }, ct);

    public async Task<Survey?> GetAsync(CommunityRef community, long id, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string ChannelId, DateTime StartedAt, DateTime ClosesAt)>(
            "select channel_id, started_at, closes_at from surveys where community = @c and id = @id", new { c = community.ToString(), id }, ct);
        return rows is [var r] ? new Survey(id, community, r.ChannelId, Utc.Of(r.StartedAt), Utc.Of(r.ClosesAt)) : null;
    }

    public Task RespondAsync(CommunityRef community, long id, UserRef user, int rating, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into survey_responses (survey_id, community, user_id, rating, at) values (@id, @c, @u, @rating, @at)
        on conflict (survey_id, user_id) do update set rating = excluded.rating, at = excluded.at
        """,
        new { id, c = community.ToString(), u = user.Id, rating = (short)rating, at }, ct);

    public async Task<long?> CommentAsync(CommunityRef community, UserRef user, string comment, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await db.QueryAsync<long>(
            """
            update survey_responses r set comment = @comment
            where r.survey_id = (
                select x.survey_id from survey_responses x join surveys s on s.id = x.survey_id
                where x.community = @c and x.user_id = @u and s.closes_at > @now
                order by x.at desc limit 1)
              and r.user_id = @u
            returning r.survey_id
            """,
            new { c = community.ToString(), u = user.Id, comment, now }, ct);
        return rows is [var id] ? id : null;
    }
}
