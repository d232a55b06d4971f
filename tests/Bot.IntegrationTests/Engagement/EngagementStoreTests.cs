using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Core;
using Bot.Adapters.Postgres.Engagement;
using Bot.Domain.Community;
using Bot.Domain.Engagement.Contests;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Model;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;

namespace Bot.IntegrationTests.Engagement;

/// <summary>The engagement stores against a real migrated database.</summary>
public sealed class EngagementStoreTests : StoreTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_giveaway_round_trips_and_takes_no_entries_once_ended()
    {
        byte[] seed = [1, 2, 3, 255];
        var draft = new Giveaway(0, Community, "c1", null, "Mug", 2, new GiveawayRequirements(Tier.Core, TimeSpan.FromDays(30), TimeSpan.FromHours(12)),
            User("9"), T0, T0.AddHours(1), seed, VerifiableDraw.Commitment(seed));

        var id = await InSessionAsync(db => new PostgresGiveawayStore(db).CreateAsync(draft, Ct));
        var entered = await InSessionAsync(async db =>
        {
            var store = new PostgresGiveawayStore(db);
            await store.SetMessageAsync(Community, id, "m5", Ct);
            return (await store.EnterAsync(Community, id, new Entrant("2", "Bea"), T0, Ct),
                await store.EnterAsync(Community, id, new Entrant("10", "Ann"), T0, Ct),
                await store.EnterAsync(Community, id, new Entrant("2", "Bea"), T0, Ct),
                await store.EnterAsync(Other, id, new Entrant("3", "Cid"), T0, Ct));
        });
        await InSessionAsync(async db =>
        {
            await new PostgresGiveawayStore(db).SaveDrawAsync(Community, id, T0.AddHours(1), ["10"], Ct);
            return 0;
        });
        var (stored, locked, entrants, late, elsewhere) = await InSessionAsync(async db =>
        {
            var store = new PostgresGiveawayStore(db);
            return (await store.GetAsync(Community, id, Ct), await store.LockAsync(Community, id, Ct), await store.EntrantsAsync(Community, id, Ct),
                await store.EnterAsync(Community, id, new Entrant("4", "Dan"), T0, Ct), await store.GetAsync(Other, id, Ct));
        });

        Assert.Equal((true, true, false, false), entered);
        Assert.Equal(draft with { Id = id, MessageId = "m5", EndedAt = T0.AddHours(1), Drawn = stored!.Drawn, Seed = stored.Seed }, stored);
        Assert.Equal(seed, stored.Seed);
        Assert.Equal(["10"], stored.DrawnIds);
        Assert.Equal(id, locked!.Id);
        Assert.Equal(["10", "2"], entrants.Select(e => e.UserId));
        Assert.False(late);
        Assert.Null(elsewhere);
    }

    [Fact]
    public async Task A_meetup_summary_counts_answers_attendance_ratings_joins_and_messages_in_its_windows()
    {
        var meetup = new Meetup(0, Community, "c1", "Talk", T0, T0.AddHours(2), "Online", 2, User("9"));
        var id = await InSessionAsync(db => new PostgresMeetupStore(db).CreateAsync(meetup, Ct));
        meetup = meetup with { Id = id };
        await InSessionAsync(async db =>
        {
            var store = new PostgresMeetupStore(db);
            await store.SetRsvpAsync(Community, id, new Rsvp("1", "Ann", RsvpStatus.Going, T0.AddDays(-1)), Ct);
            await store.SetRsvpAsync(Community, id, new Rsvp("2", "Bea", RsvpStatus.Going, T0.AddDays(-1).AddMinutes(1)), Ct);
            await store.SetRsvpAsync(Community, id, new Rsvp("3", "Cid", RsvpStatus.Waitlisted, T0.AddDays(-1).AddMinutes(2)), Ct);
            await store.SetRsvpAsync(Community, id, new Rsvp("2", "Bea", RsvpStatus.NotGoing, T0.AddDays(-1).AddMinutes(3)), Ct);
            Assert.True(await store.MarkAttendedAsync(Community, id, User("1"), User("9"), T0, Ct));
            Assert.False(await store.MarkAttendedAsync(Community, id, User("1"), User("9"), T0, Ct));
            await store.RateAsync(Community, id, User("1"), 2, T0, Ct);
            await store.RateAsync(Community, id, User("1"), 5, T0, Ct);
            await store.RateAsync(Community, id, User("3"), 4, T0, Ct);
            var members = new PostgresMemberStore(db);
            var messages = new PostgresMessageLog(db);
            await members.JoinedAsync(Community, new Member(User("20"), "New"), T0.AddHours(-3), Ct);
            await members.JoinedAsync(Community, new Member(User("21"), "Old"), T0.AddDays(-5), Ct);
            await members.JoinedAsync(Other, new Member(User("22"), "Elsewhere"), T0, Ct);
            await messages.AppendAsync(new StoredMessage(Community, "c1", "a", User("1"), T0.AddMinutes(5), "hi"), Ct);
            await messages.AppendAsync(new StoredMessage(Community, "c1", "b", User("1"), T0.AddMinutes(6), "again"), Ct);
            await messages.AppendAsync(new StoredMessage(Community, "c2", "c", User("3"), T0.AddMinutes(7), "hello"), Ct);
            await messages.AppendAsync(new StoredMessage(Community, "c1", "d", User("3"), T0.AddHours(3), "after"), Ct);
            return 0;
        });

        var (summary, rsvps) = await InSessionAsync(async db =>
        {
            var store = new PostgresMeetupStore(db);
            return (await store.SummarizeAsync(meetup, T0.AddDays(-1), T0.AddDays(1), Ct), await store.RsvpsAsync(Community, id, Ct));
        });

        Assert.Equal(new MeetupSummary(Going: 1, Waitlisted: 1, Attended: 1, NewMembers: 1, Messages: 3, Authors: 2, Ratings: 2, AverageRating: 4.5), summary);
        Assert.Equal(["1", "3", "2"], rsvps.Select(r => r.UserId));
        Assert.Equal(RsvpStatus.NotGoing, rsvps[2].Status);
    }

    [Fact]
    public async Task Contest_votes_are_one_per_member_and_standings_rank_by_votes_then_time()
    {
        var id = await InSessionAsync(db => new PostgresContestStore(db).CreateAsync(new Contest(0, Community, "c1", "Photo", T0.AddDays(1), User("9")), Ct));
        var (first, second, third) = await InSessionAsync(async db =>
        {
            var store = new PostgresContestStore(db);
            return (await store.SubmitAsync(Community, new ContestEntry(0, id, "1", "Ann", "sunset", T0), Ct),
                await store.SubmitAsync(Community, new ContestEntry(0, id, "2", "Bea", "cat", T0.AddMinutes(1)), Ct),
                await store.SubmitAsync(Community, new ContestEntry(0, id, "3", "Cid", "dog", T0.AddMinutes(2)), Ct));
        });
        await InSessionAsync(async db =>
        {
            var store = new PostgresContestStore(db);
            await store.VoteAsync(Community, id, "7", first, T0, Ct);
            await store.VoteAsync(Community, id, "7", third, T0, Ct);
            await store.VoteAsync(Community, id, "8", second, T0, Ct);
            await store.CloseAsync(Community, id, T0.AddDays(1), Ct);
            return 0;
        });

        var (standings, vote, entryOf, contest) = await InSessionAsync(async db =>
        {
            var store = new PostgresContestStore(db);
            return (await store.StandingsAsync(Community, id, Ct), await store.VoteOfAsync(Community, id, "7", Ct),
                await store.EntryOfAsync(Community, id, "2", Ct), await store.LockAsync(Community, id, Ct));
        });

        Assert.Equal([(second, 1), (third, 1), (first, 0)], standings.Select(s => (s.Entry.Id, s.Votes)));
        Assert.Equal(third, vote);
        Assert.Equal(("Bea", "cat", T0.AddMinutes(1)), (entryOf!.DisplayName, entryOf.Text, entryOf.At));
        Assert.Equal(T0.AddDays(1), contest!.ClosedAt);
    }
}
