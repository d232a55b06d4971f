using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Text;
using Bot.Domain.Tiering;

namespace Bot.Domain.Engagement.Meetups;

/// <summary>
/// <c>/event new|attend|summary</c>, the RSVP and rating buttons, reminders before the start and the
/// rating poll at the end (timers <c>meetup:&lt;id&gt;:remind:&lt;minutes&gt;</c> and <c>meetup:&lt;id&gt;:poll</c>).
/// </summary>
public sealed class MeetupCommands(IMeetupStore store, IContributionCredits contributions, EngagementOptions options) : ICommandHandler
{
    public const string TimerPrefix = "meetup:";
    public const string GoingPrefix = "event:going:";
    public const string NotGoingPrefix = "event:notgoing:";
    public const string RatePrefix = "event:rate:";

    private static readonly Texts T = EngagementText.Texts;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("event", "EventDescription", Permission.ManageEvents, T, Subcommands:
        [
            new("new", "EventNewDescription", Permission.ManageEvents, T,
            [
                new("title", OptionKind.Text, "OptionTitle"),
                new("time", OptionKind.Text, "OptionTime"),
                new("capacity", OptionKind.Integer, "OptionCapacity", Required: false, Min: 1, Max: 100_000),
                new("place", OptionKind.Text, "OptionPlace", Required: false),
            ]),
            new("attend", "EventAttendDescription", Permission.ManageEvents, T,
            [
                new("id", OptionKind.Integer, "OptionEventId", Min: 1),
                new("user", OptionKind.User, "OptionUser"),
            ]),
            new("summary", "EventSummaryDescription", Permission.ManageEvents, T, [new("id", OptionKind.Integer, "OptionEventId", Min: 1)]),
        ]),
    ];

    public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct) => call.Path switch
    {
        "event new" => CreateAsync(call, ct),
        "event attend" => AttendAsync(call, ct),
        _ => SummaryAsync(call, ct),
    };

    private async Task<IReadOnlyList<BotAction>> CreateAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var settings = call.Context.Settings;
        var now = call.Context.Now;
        var title = call.Options.Text("title").Trim();
        if (title.Length is 0 or > 200)
        {
            return [call.Reply(EngagementText.Get(culture, "TitleLength"), ephemeral: true)];
        }

        var time = call.Options.Text("time");
        if (!EngagementTime.TryParse(time, now, settings.Zone, out var startsAt))
        {
            return [call.Reply(EngagementText.Get(culture, "BadTime", time), ephemeral: true)];
        }

        if (startsAt <= now)
        {
            return [call.Reply(EngagementText.Get(culture, "TimeInPast", EngagementText.Time(startsAt, settings.Zone)), ephemeral: true)];
        }

        var capacity = call.Options.OptionalInteger("capacity") is { } c ? (int)c : (int?)null;
        var draft = new Meetup(0, call.Community, call.Invocation.ChannelId, title, startsAt, startsAt + options.MeetupLength,
            call.Options.OptionalText("place"), capacity, call.Caller.User);
        var id = await store.CreateAsync(draft, ct);
        var meetup = draft with { Id = id };

        var text = new StringBuilder(EngagementText.Get(culture, "EventPost", id, title, EngagementText.Time(startsAt, settings.Zone)));
        if (meetup.Place is { } place)
        {
            text.AppendLine().Append(EngagementText.Get(culture, "EventPlace", place));
        }

        if (capacity is { } limit)
        {
            text.AppendLine().Append(EngagementText.Get(culture, "EventCapacity", limit));
        }

        var actions = new List<BotAction>
        {
            call.Reply(text.ToString(), buttons:
            [
                new Button(EngagementText.Get(culture, "GoingButton"), GoingPrefix + id, ButtonStyle.Success),
                new Button(EngagementText.Get(culture, "NotGoingButton"), NotGoingPrefix + id),
            ]),
        };
        foreach (var lead in options.ReminderLeadTimes.Distinct().Where(l => startsAt - l > now))
        {
            actions.Add(new ScheduleTimer(call.Community, EngagementFeature.TimerFeature,
                $"{TimerPrefix}{id}:remind:{(long)lead.TotalMinutes}", startsAt - lead));
        }

        actions.Add(new ScheduleTimer(call.Community, EngagementFeature.TimerFeature, $"{TimerPrefix}{id}:poll", meetup.EndsAt));
        return actions;
    }

    private async Task<IReadOnlyList<BotAction>> AttendAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var id = call.Options.Integer("id");
        var user = call.Options.User("user");
        if (await store.GetAsync(call.Community, id, ct) is not { } meetup)
        {
            return [call.Reply(EngagementText.Get(culture, "NoSuchEvent", id), ephemeral: true)];
        }

        if (!await store.MarkAttendedAsync(call.Community, id, user, call.Caller.User, call.Context.Now, ct))
        {
            return [call.Reply(EngagementText.Get(culture, "AlreadyAttended", user.Id, id), ephemeral: true)];
        }

        await contributions.CreditAsync(call.Community, user, ContributionSource.EventEntry, $"event:{id}:attended:{user.Id}", call.Context.Now, ct);
        var count = await store.AttendedCountAsync(call.Community, id, ct);
        return [call.Reply(EngagementText.Get(culture, "Attended", user.Id, meetup.Title, count), ephemeral: true)];
    }

    private async Task<IReadOnlyList<BotAction>> SummaryAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var id = call.Options.Integer("id");
        if (await store.GetAsync(call.Community, id, ct) is not { } meetup)
        {
            return [call.Reply(EngagementText.Get(culture, "NoSuchEvent", id), ephemeral: true)];
        }

        var summary = await store.SummarizeAsync(meetup, meetup.StartsAt - options.JoinWindow, meetup.EndsAt + options.JoinWindow, ct);
        var rating = summary.AverageRating is { } average
            ? EngagementText.Get(culture, "SummaryRating", average.ToString("0.0", CultureInfo.InvariantCulture), summary.Ratings)
            : EngagementText.Get(culture, "SummaryNoRating");
        var text = EngagementText.Get(
            culture, "Summary", id, meetup.Title, EngagementText.Time(meetup.StartsAt, call.Context.Settings.Zone),
            summary.Attended, summary.Going, summary.Waitlisted, summary.NewMembers, DurationParser.Format(options.JoinWindow),
            summary.Messages, summary.Authors, rating);
        return [call.Reply(text)];
    }

    public async Task<IReadOnlyList<BotAction>> OnRsvpAsync(ButtonPressed press, bool going, EventContext context, CancellationToken ct)
    {
        var culture = context.Culture;
        var prefix = going ? GoingPrefix : NotGoingPrefix;
        if (!long.TryParse(press.Data.AsSpan(prefix.Length), CultureInfo.InvariantCulture, out var id)
            || await store.LockAsync(press.Community, id, ct) is not { } meetup)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, "NoSuchEvent", press.Data[prefix.Length..]))];
        }

        if (context.Now >= meetup.StartsAt)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, "EventStarted", meetup.Title))];
        }

        var rsvps = await store.RsvpsAsync(press.Community, id, ct);
        var decision = RsvpRules.Decide(rsvps, meetup.Capacity, press.By.User.Id, press.By.DisplayName, going, context.Now);
        if (decision.Changed is { } changed)
        {
            await store.SetRsvpAsync(press.Community, id, changed, ct);
        }

        var actions = new List<BotAction>
        {
            EngagementFeature.Answer(press, EngagementText.Get(culture, "Rsvp" + decision.Outcome, meetup.Title, decision.Position)),
        };
        if (decision.Promoted is { } promoted)
        {
            await store.SetRsvpAsync(press.Community, id, promoted, ct);
            actions.Add(new SendMessage(meetup.Community, meetup.ChannelId, EngagementText.Get(culture, "Promoted", promoted.DisplayName, meetup.Title)));
        }

        return actions;
    }

    public async Task<IReadOnlyList<BotAction>> OnRateAsync(ButtonPressed press, EventContext context, CancellationToken ct)
    {
        var culture = context.Culture;
        var parts = press.Data[RatePrefix.Length..].Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)
            || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var rating) || rating is < 1 or > 5
            || await store.GetAsync(press.Community, id, ct) is not { } meetup)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, "NoSuchEvent", press.Data[RatePrefix.Length..]))];
        }

        await store.RateAsync(press.Community, id, press.By.User, rating, context.Now, ct);
        return [EngagementFeature.Answer(press, EngagementText.Get(culture, "Rated", meetup.Title, rating))];
    }

    public async Task<IReadOnlyList<BotAction>> OnTimerAsync(TimerFired timer, EventContext context, CancellationToken ct)
    {
        var parts = timer.Key[TimerPrefix.Length..].Split(':');
        if (!long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id) || await store.GetAsync(timer.Community, id, ct) is not { } meetup)
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        if (parts is [_, "poll"])
        {
            var buttons = Enumerable.Range(1, 5).Select(n => new Button(n.ToString(CultureInfo.InvariantCulture), $"{RatePrefix}{id}:{n}")).ToList();
            return [new SendMessage(meetup.Community, meetup.ChannelId, EngagementText.Get(culture, "RatingPoll", meetup.Title), buttons)];
        }

        if (parts is not [_, "remind", var minutes] || !long.TryParse(minutes, CultureInfo.InvariantCulture, out var lead))
        {
            return FeatureResults.None;
        }

        var going = (await store.RsvpsAsync(timer.Community, id, ct)).Where(r => r.Status == RsvpStatus.Going).Select(r => r.DisplayName).ToList();
        var text = EngagementText.Get(
            culture, "Reminder", meetup.Title, EngagementText.Time(meetup.StartsAt, context.Settings.Zone),
            DurationParser.Format(TimeSpan.FromMinutes(lead)), going.Count, going.Count == 0 ? "—" : string.Join(", ", going));
        return [new SendMessage(meetup.Community, meetup.ChannelId, text)];
    }
}
