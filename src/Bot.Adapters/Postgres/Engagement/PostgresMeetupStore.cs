using Bot.Adapters.Postgres.Core;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Model;

namespace Bot.Adapters.Postgres.Engagement;

public sealed class PostgresMeetupStore(DbSession db) : IMeetupStore
{
    public Task<long> CreateAsync(Meetup meetup, CancellationToken ct) => db.ExecuteScalarAsync<long>(
        """
        insert into meetups (community, channel_id, title, starts_at, ends_at, place, capacity, created_by)
        values (@c, @ChannelId, @Title, @StartsAt, @EndsAt, @Place, @Capacity, @by)
        returning id
        """,
        new { c = meetup.Community.ToString(), meetup.ChannelId, meetup.Title, meetup.StartsAt, meetup.EndsAt, meetup.Place, meetup.Capacity, by = meetup.CreatedBy.Id },
        ct);

    public Task<Meetup?> GetAsync(CommunityRef community, long id, CancellationToken ct) => ReadAsync(community, id, string.Empty, ct);

    public Task<Meetup?> LockAsync(CommunityRef community, long id, CancellationToken ct) => ReadAsync(community, id, "for update", ct);

    public async Task<IReadOnlyList<Rsvp>> RsvpsAsync(CommunityRef community, long id, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(string UserId, string DisplayName, string Status, DateTime At)>(
            """
            select r.user_id, r.display_name, r.status, r.at from meetup_rsvps r join meetups m on m.id = r.meetup_id
            where m.community = @c and m.id = @id order by r.at, r.user_id
            """,
            new { c = community.ToString(), id }, ct);
        return [.. rows.Select(r => new Rsvp(r.UserId, r.DisplayName, Enum.Parse<RsvpStatus>(r.Status, ignoreCase: true), Utc.Of(r.At)))];
    }

    public Task SetRsvpAsync(CommunityRef community, long id, Rsvp rsvp, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into meetup_rsvps (community, meetup_id, user_id, display_name, status, at)
        select community, id, @UserId, @DisplayName, @status, @At from meetups where community = @c and id = @id
        on conflict (meetup_id, user_id) do update set display_name = excluded.display_name, status = excluded.status, at = excluded.at
        """,
        new { c = community.ToString(), id, rsvp.UserId, rsvp.DisplayName, status = rsvp.Status.ToString().ToLowerInvariant(), rsvp.At }, ct);

    public async Task<bool> MarkAttendedAsync(CommunityRef community, long id, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(
            """
            insert into meetup_attendance (community, meetup_id, user_id, marked_by, at)
            select community, id, @u, @by, @at from meetups where community = @c and id = @id
            on conflict do nothing
            """,
            new { c = community.ToString(), id, u = user.Id, by = by.Id, at }, ct) > 0;

    public Task<int> AttendedCountAsync(CommunityRef community, long id, CancellationToken ct) => db.ExecuteScalarAsync<int>(
        "select count(*)::int from meetup_attendance a join meetups m on m.id = a.meetup_id where m.community = @c and m.id = @id",
        new { c = community.ToString(), id }, ct);

    public Task RateAsync(CommunityRef community, long id, UserRef user, int rating, DateTimeOffset at, CancellationToken ct) => db.ExecuteAsync(
        """
        insert into meetup_ratings (community, meetup_id, user_id, rating, at)
        select community, id, @u, @rating, @at from meetups where community = @c and id = @id
        on conflict (meetup_id, user_id) do update set rating = excluded.rating, at = excluded.at
        """,
        new { c = community.ToString(), id, u = user.Id, rating = (short)rating, at }, ct);

    public async Task<MeetupSummary> SummarizeAsync(Meetup meetup, DateTimeOffset joinedFrom, DateTimeOffset joinedTo, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<MeetupSummary>(
            """
            select
                (select count(*)::int from meetup_rsvps where meetup_id = @id and status = 'going') as Going,
                (select count(*)::int from meetup_rsvps where meetup_id = @id and status = 'waitlisted') as Waitlisted,
                (select count(*)::int from meetup_attendance where meetup_id = @id) as Attended,
                (select count(*)::int from members where community = @c and joined_at >= @joinedFrom and joined_at < @joinedTo) as NewMembers,
                (select count(*)::int from messages where community = @c and at >= @start and at < @end) as Messages,
                (select count(distinct user_id)::int from messages where community = @c and at >= @start and at < @end) as Authors,
                (select count(*)::int from meetup_ratings where meetup_id = @id) as Ratings,
                (select avg(rating)::float8 from meetup_ratings where meetup_id = @id) as AverageRating
            """,
            new { c = meetup.Community.ToString(), id = meetup.Id, joinedFrom, joinedTo, start = meetup.StartsAt, end = meetup.EndsAt }, ct))!;

    private async Task<Meetup?> ReadAsync(CommunityRef community, long id, string locking, CancellationToken ct)
    {
        var rows = await db.QueryAsync<(long Id, string ChannelId, string Title, DateTime StartsAt, DateTime EndsAt, string? Place, int? Capacity, string CreatedBy)>(
            $"select id, channel_id, title, starts_at, ends_at, place, capacity, created_by from meetups where community = @c and id = @id {locking}",
            new { c = community.ToString(), id }, ct);
        if (rows.Count == 0)
        {
            return null;
        }

        var r = rows[0];
        return new Meetup(r.Id, community, r.ChannelId, r.Title, Utc.Of(r.StartsAt), Utc.Of(r.EndsAt), r.Place, r.Capacity, new UserRef(community.Platform, r.CreatedBy));
    }
}
