using Bot.Domain.Model;

namespace Bot.Domain.Engagement.Meetups;

/// <summary>An online lecture or offline meetup (the handbook's 線上講座 / 線下聚會) members sign up for.</summary>
public sealed record Meetup(
    long Id,
    CommunityRef Community,
    string ChannelId,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Place,
    int? Capacity,
    UserRef CreatedBy);

public enum RsvpStatus
{
    Going,
    Waitlisted,
    NotGoing,
}

/// <summary>A member's answer; <see cref="At"/> orders the waitlist.</summary>
public sealed record Rsvp(string UserId, string DisplayName, RsvpStatus Status, DateTimeOffset At);

public sealed record MeetupSummary(
    int Going,
    int Waitlisted,
    int Attended,
    int NewMembers,
    int Messages,
    int Authors,
    int Ratings,
    double? AverageRating);

public interface IMeetupStore
{
    /// <summary>Stores a new meetup (its <see cref="Meetup.Id"/> is ignored) and returns its id.</summary>
    Task<long> CreateAsync(Meetup meetup, CancellationToken ct);

    Task<Meetup?> GetAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Reads and locks the meetup until the batch commits, so that two answers cannot both take the last place.</summary>
    Task<Meetup?> LockAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Every answer, oldest first.</summary>
    Task<IReadOnlyList<Rsvp>> RsvpsAsync(CommunityRef community, long id, CancellationToken ct);

    Task SetRsvpAsync(CommunityRef community, long id, Rsvp rsvp, CancellationToken ct);

    /// <summary>False when the member was already marked.</summary>
    Task<bool> MarkAttendedAsync(CommunityRef community, long id, UserRef user, UserRef by, DateTimeOffset at, CancellationToken ct);

    Task<int> AttendedCountAsync(CommunityRef community, long id, CancellationToken ct);

    /// <summary>Sets the member's rating (a later one replaces theirs).</summary>
    Task RateAsync(CommunityRef community, long id, UserRef user, int rating, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Attendance and ratings of the meetup, members who joined in [<paramref name="joinedFrom"/>, <paramref name="joinedTo"/>),
    /// messages in the community during the meetup.
    /// </summary>
    Task<MeetupSummary> SummarizeAsync(Meetup meetup, DateTimeOffset joinedFrom, DateTimeOffset joinedTo, CancellationToken ct);
}
