using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Polls;

/// <summary><c>/poll new</c> and <c>/poll close</c> (specialists, managers, owners), <c>/poll results</c> (anyone).</summary>
public sealed class PollsCommands(IPollStore store, PollsOptions options) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("poll", "PollDescription", Permission.ManageEvents, PollsText.Texts, Subcommands:
        [
            new("new", "PollNewDescription", Permission.ManageEvents, PollsText.Texts,
            [
                new("poll", OptionKind.Text, "OptionPoll"),
            ]),
            new("close", "PollCloseDescription", Permission.ManageEvents, PollsText.Texts,
            [
                new("id", OptionKind.Integer, "OptionPollId", Min: 1),
            ]),
            new("results", "PollResultsDescription", Permission.Everyone, PollsText.Texts,
            [
                new("id", OptionKind.Integer, "OptionPollId", Min: 1),
            ]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (call.Path == "poll new")
        {
            var (parsed, error) = PollInput.Parse(call.Options.Text("poll"), options.MaxOptions);
            if (parsed is null)
            {
                return [call.Reply(PollsText.Get(culture, error!, options.MaxOptions), ephemeral: true)];
            }

            var now = call.Context.Now;
            var duration = parsed.Duration ?? options.DefaultDuration;
            var draft = new Poll(0, call.Community, parsed.Question, parsed.Options, call.Caller.User, call.Invocation.ChannelId, null, now, now + duration);
            var poll = draft with { Id = await store.CreateAsync(draft, ct) };
            var counts = new int[poll.Options.Count];
            return
            [
                new SendMessage(call.Community, poll.ChannelId, PollRendering.Text(culture, poll, counts, call.Context.Settings.Zone), PollRendering.Buttons(poll),
                    ThreadId: call.Invocation.ThreadId) { Correlation = PollsFeature.Correlation(poll.Id) },
                new ScheduleTimer(call.Community, PollsFeature.Feature, PollsFeature.CloseKey(poll.Id), poll.ClosesAt),
                call.Reply(PollsText.Get(culture, "Created", poll.Id), ephemeral: true),
            ];
        }

        var id = call.Options.Integer("id");
        var found = await store.GetAsync(call.Community, id, ct);
        if (found is null)
        {
            return [call.Reply(PollsText.Get(culture, "Unknown", id), ephemeral: true)];
        }

        if (call.Path == "poll results")
        {
            var counts = await store.CountsAsync(found.Id, found.Options.Count, ct);
            return [call.Reply(PollRendering.Text(culture, found, counts, call.Context.Settings.Zone), ephemeral: true)];
        }

        if (!found.IsOpen)
        {
            return [call.Reply(PollsText.Get(culture, "AlreadyClosed", id), ephemeral: true)];
        }

        var closing = await PollsFeature.CloseAsync(store, call.Context, found, ct);
        return [.. closing, new CancelTimer(call.Community, PollsFeature.Feature, PollsFeature.CloseKey(id)),
            call.Reply(PollsText.Get(culture, "ClosedByHand", id), ephemeral: true)];
    }
}
