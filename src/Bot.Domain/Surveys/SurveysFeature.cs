using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Surveys;

/// <summary>Answers (a press on 1–5, changeable while the round is open) and the scheduled rounds.</summary>
public sealed class SurveysFeature(ISurveyStore store, SurveyRound round) : IFeature
{
    public string Name => SurveyRound.Feature;

    public int Order => 350;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        ButtonPressed button when SurveyRound.TryParseRate(button.Data, out var id, out var rating) => RateAsync(context, button, id, rating, ct),
        TimerFired { Feature: SurveyRound.Feature, Key: SurveyRound.RunKey } => RunAsync(context, ct),
        _ => FeatureResults.NoneAsync,
    };

    private async Task<IReadOnlyList<BotAction>> RateAsync(EventContext context, ButtonPressed button, long id, int rating, CancellationToken ct)
    {
        var culture = context.Culture;
        var survey = await store.GetAsync(button.Community, id, ct);
        string text;
        if (survey is null || context.Now >= survey.ClosesAt)
        {
            text = SurveysText.Get(culture, "Closed");
        }
        else
        {
            await store.RespondAsync(button.Community, id, button.By.User, rating, context.Now, ct);
            text = SurveysText.Get(culture, "Thanks", rating);
        }

        return [new Reply(button.Community, button.ChannelId, text, Ephemeral: true, InteractionId: button.InteractionId)];
    }

    private async Task<IReadOnlyList<BotAction>> RunAsync(EventContext context, CancellationToken ct)
    {
        if (await store.GetScheduleAsync(context.Community, ct) is not { } schedule)
        {
            return FeatureResults.None;
        }

        return
        [
            await round.PostAsync(context, schedule.ChannelId, ct),
            new ScheduleTimer(context.Community, SurveyRound.Feature, SurveyRound.RunKey, context.Now.AddDays(schedule.EveryDays)),
        ];
    }
}
