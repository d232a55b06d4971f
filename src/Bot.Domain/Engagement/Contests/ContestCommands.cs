using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Engagement.Contests;

/// <summary><c>/contest new|submit</c>, the vote buttons and the results at the deadline (timer <c>contest:&lt;id&gt;</c>).</summary>
public sealed class ContestCommands(IContestStore store) : ICommandHandler
{
    public const string TimerPrefix = "contest:";
    public const string VotePrefix = "contest:vote:";
    private const int ShownStandings = 10;

    private static readonly Texts T = EngagementText.Texts;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("contest", "ContestDescription", Permission.Everyone, T, Subcommands:
        [
            new("new", "ContestNewDescription", Permission.ManageEvents, T,
            [
                new("title", OptionKind.Text, "OptionTitle"),
                new("deadline", OptionKind.Text, "OptionDeadline"),
            ]),
            new("submit", "ContestSubmitDescription", Permission.Everyone, T,
            [
                new("id", OptionKind.Integer, "OptionContestId", Min: 1),
                new("entry", OptionKind.Text, "OptionEntry"),
            ]),
        ]),
    ];

    public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct) =>
        call.Path == "contest new" ? CreateAsync(call, ct) : SubmitAsync(call, ct);

    private async Task<IReadOnlyList<BotAction>> CreateAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var zone = call.Context.Settings.Zone;
        var now = call.Context.Now;
        var title = call.Options.Text("title").Trim();
        if (title.Length is 0 or > 200)
        {
            return [call.Reply(EngagementText.Get(culture, "TitleLength"), ephemeral: true)];
        }

        var deadlineText = call.Options.Text("deadline");
        if (!EngagementTime.TryParse(deadlineText, now, zone, out var deadline))
        {
            return [call.Reply(EngagementText.Get(culture, "BadTime", deadlineText), ephemeral: true)];
        }

        if (deadline <= now)
        {
            return [call.Reply(EngagementText.Get(culture, "TimeInPast", EngagementText.Time(deadline, zone)), ephemeral: true)];
        }

        var id = await store.CreateAsync(new Contest(0, call.Community, call.Invocation.ChannelId, title, deadline, call.Caller.User), ct);
        return
        [
            call.Reply(EngagementText.Get(culture, "ContestPost", id, title, EngagementText.Time(deadline, zone))),
            new ScheduleTimer(call.Community, EngagementFeature.TimerFeature, TimerPrefix + id, deadline),
        ];
    }

    private async Task<IReadOnlyList<BotAction>> SubmitAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var id = call.Options.Integer("id");
        var text = call.Options.Text("entry").Trim();
        if (await store.GetAsync(call.Community, id, ct) is not { } contest)
        {
            return [call.Reply(EngagementText.Get(culture, "NoSuchContest", id), ephemeral: true)];
        }

        if (!contest.IsOpenAt(call.Context.Now))
        {
            return [call.Reply(EngagementText.Get(culture, "ContestClosed", contest.Title), ephemeral: true)];
        }

        if (text.Length > 1000)
        {
            return [call.Reply(EngagementText.Get(culture, "EntryLength"), ephemeral: true)];
        }

        var user = call.Caller.User.Id;
        if (await store.EntryOfAsync(call.Community, id, user, ct) is { } earlier)
        {
            return [call.Reply(EngagementText.Get(culture, "AlreadySubmitted", contest.Title, earlier.Id), ephemeral: true)];
        }

        var entryId = await store.SubmitAsync(call.Community, new ContestEntry(0, id, user, call.Caller.DisplayName, text, call.Context.Now), ct);
        var vote = new Button(EngagementText.Get(culture, "VoteButton"), VotePrefix + entryId, ButtonStyle.Primary);
        return [call.Reply(EngagementText.Get(culture, "EntryPost", entryId, contest.Title, call.Caller.DisplayName, text), buttons: [vote])];
    }

    public async Task<IReadOnlyList<BotAction>> OnVoteAsync(ButtonPressed press, EventContext context, CancellationToken ct)
    {
        var culture = context.Culture;
        if (!long.TryParse(press.Data.AsSpan(VotePrefix.Length), CultureInfo.InvariantCulture, out var entryId)
            || await store.EntryAsync(press.Community, entryId, ct) is not { } entry
            || await store.GetAsync(press.Community, entry.ContestId, ct) is not { } contest)
        {
            return [EngagementFeature.Answer(press, EngagementText.Get(culture, "NoSuchEntry", press.Data[VotePrefix.Length..]))];
        }

        var voter = press.By.User.Id;
        var current = await store.VoteOfAsync(press.Community, contest.Id, voter, ct);
        var outcome = VoteRules.Decide(contest, entry, voter, current, context.Now);
        if (outcome is VoteOutcome.Counted or VoteOutcome.Moved)
        {
            await store.VoteAsync(press.Community, contest.Id, voter, entry.Id, context.Now, ct);
        }

        return [EngagementFeature.Answer(press, EngagementText.Get(culture, "Vote" + outcome, entry.Id, entry.DisplayName, contest.Title))];
    }

    public async Task<IReadOnlyList<BotAction>> OnTimerAsync(TimerFired timer, EventContext context, CancellationToken ct)
    {
        if (!long.TryParse(timer.Key.AsSpan(TimerPrefix.Length), CultureInfo.InvariantCulture, out var id)
            || await store.LockAsync(timer.Community, id, ct) is not { ClosedAt: null } contest)
        {
            return FeatureResults.None;
        }

        await store.CloseAsync(timer.Community, id, context.Now, ct);
        var culture = context.Culture;
        var standings = await store.StandingsAsync(timer.Community, id, ct);
        if (standings.Count == 0)
        {
            return [new SendMessage(contest.Community, contest.ChannelId, EngagementText.Get(culture, "ContestNoEntries", contest.Title))];
        }

        var text = new StringBuilder(EngagementText.Get(culture, "ContestResults", contest.Title, standings.Count));
        var place = 0;
        foreach (var standing in standings.Take(ShownStandings))
        {
            text.AppendLine().Append(EngagementText.Get(
                culture, "ContestStanding", ++place, standing.Entry.DisplayName, standing.Votes, standing.Entry.Id));
        }

        return [new SendMessage(contest.Community, contest.ChannelId, text.ToString())];
    }
}
