using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Surveys;

/// <summary>
/// <c>/survey now</c>, <c>/survey every &lt;days&gt; [channel]</c>, <c>/survey stop</c> (specialists, managers, owners) and
/// <c>/survey comment &lt;text&gt;</c> (the member who answered).
/// </summary>
public sealed class SurveysCommands(ISurveyStore store, SurveyRound round, SurveysOptions options) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("survey", "SurveyDescription", Permission.ManageEvents, SurveysText.Texts, Subcommands:
        [
            new("now", "SurveyNowDescription", Permission.ManageEvents, SurveysText.Texts),
            new("every", "SurveyEveryDescription", Permission.ManageEvents, SurveysText.Texts,
            [
                new("days", OptionKind.Integer, "OptionDays", Min: 1, Max: 365),
                new("channel", OptionKind.Channel, "OptionChannel", Required: false),
            ]),
            new("stop", "SurveyStopDescription", Permission.ManageEvents, SurveysText.Texts),
            new("comment", "SurveyCommentDescription", Permission.Everyone, SurveysText.Texts,
            [
                new("text", OptionKind.Text, "OptionComment"),
            ]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        switch (call.Path)
        {
            case "survey now":
                return [await round.PostAsync(call.Context, call.Invocation.ChannelId, ct), call.Reply(SurveysText.Get(culture, "Posted"), ephemeral: true)];
            case "survey every":
                var days = (int)call.Options.Integer("days");
                var channel = call.Options.OptionalChannel("channel") ?? call.Invocation.ChannelId;
                await store.SetScheduleAsync(call.Community, new SurveySchedule(channel, days), call.Caller.User, ct);
                return
                [
                    await round.PostAsync(call.Context, channel, ct),
                    new ScheduleTimer(call.Community, SurveyRound.Feature, SurveyRound.RunKey, call.Context.Now.AddDays(days)),
                    call.Reply(SurveysText.Get(culture, "Scheduled", days, channel)),
                ];
            case "survey stop":
                var had = await store.ClearScheduleAsync(call.Community, ct);
                return [new CancelTimer(call.Community, SurveyRound.Feature, SurveyRound.RunKey), call.Reply(SurveysText.Get(culture, had ? "Stopped" : "NotScheduled"))];
            default:
                var comment = call.Options.Text("text").Trim();
                if (comment.Length > options.MaxCommentLength)
                {
                    return [call.Reply(SurveysText.Get(culture, "CommentTooLong", options.MaxCommentLength), ephemeral: true)];
                }

                var id = await store.CommentAsync(call.Community, call.Caller.User, comment, call.Context.Now, ct);
                return [call.Reply(SurveysText.Get(culture, id is null ? "NoAnswerToComment" : "Commented", id), ephemeral: true)];
        }
    }
}
