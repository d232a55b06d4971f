namespace Bot.Domain.Engagement.Meetups;

public enum RsvpOutcome
{
    Going,
    Waitlisted,
    AlreadyGoing,
    AlreadyWaitlisted,
    NotGoing,
    AlreadyNotGoing,
}

/// <summary>What an answer changes: the member's own row, and the first waitlisted member moved up when a place opened.</summary>
public sealed record RsvpDecision(RsvpOutcome Outcome, Rsvp? Changed, Rsvp? Promoted = null, int Position = 0);

/// <summary>
/// A full meetup puts later "going" answers on a waitlist (first come, first served); when someone going
/// drops out, the longest-waiting member takes the place.
/// </summary>
public static class RsvpRules
{
    public static RsvpDecision Decide(
        IReadOnlyList<Rsvp> rsvps, int? capacity, string userId, string displayName, bool going, DateTimeOffset now)
    {
        var current = rsvps.FirstOrDefault(r => r.UserId == userId);
        var waitlist = rsvps.Where(r => r.Status == RsvpStatus.Waitlisted).OrderBy(r => r.At).ToList();
        if (going)
        {
            switch (current?.Status)
            {
                case RsvpStatus.Going:
                    return new RsvpDecision(RsvpOutcome.AlreadyGoing, null);
                case RsvpStatus.Waitlisted:
                    return new RsvpDecision(RsvpOutcome.AlreadyWaitlisted, null, Position: waitlist.FindIndex(r => r.UserId == userId) + 1);
            }

            var taken = rsvps.Count(r => r.Status == RsvpStatus.Going);
            return capacity is { } limit && taken >= limit
                ? new RsvpDecision(RsvpOutcome.Waitlisted, new Rsvp(userId, displayName, RsvpStatus.Waitlisted, now), Position: waitlist.Count + 1)
                : new RsvpDecision(RsvpOutcome.Going, new Rsvp(userId, displayName, RsvpStatus.Going, now));
        }

        if (current?.Status == RsvpStatus.NotGoing)
        {
            return new RsvpDecision(RsvpOutcome.AlreadyNotGoing, null);
        }

        var changed = new Rsvp(userId, displayName, RsvpStatus.NotGoing, now);
        var promoted = current?.Status == RsvpStatus.Going && waitlist.Count > 0 ? waitlist[0] with { Status = RsvpStatus.Going } : null;
        return new RsvpDecision(RsvpOutcome.NotGoing, changed, promoted);
    }
}
