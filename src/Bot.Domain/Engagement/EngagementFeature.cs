using Bot.Domain.Actions;
using Bot.Domain.Engagement.Contests;
using Bot.Domain.Engagement.Giveaways;
using Bot.Domain.Engagement.Meetups;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Engagement;

/// <summary>
/// Routes the non-command events of giveaways, meetups and contests: their buttons, their timers
/// (feature <c>engagement</c>), and the giveaway post's id coming back from the platform.
/// </summary>
public sealed class EngagementFeature(GiveawayCommands giveaways, MeetupCommands meetups, ContestCommands contests) : IFeature
{
    public const string TimerFeature = "engagement";

    public string Name => "engagement";

    public int Order => 500;

    public Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct) => context.Event switch
    {
        ButtonPressed press => OnButtonAsync(press, context, ct),
        TimerFired { Feature: TimerFeature } timer => OnTimerAsync(timer, context, ct),
        ActionCompleted completed when completed.Correlation.StartsWith(GiveawayCommands.CorrelationPrefix, StringComparison.Ordinal)
            => giveaways.OnPostedAsync(completed, ct),
        _ => FeatureResults.NoneAsync,
    };

    private Task<IReadOnlyList<BotAction>> OnButtonAsync(ButtonPressed press, EventContext context, CancellationToken ct) => press.Data switch
    {
        var d when d.StartsWith(GiveawayCommands.EnterPrefix, StringComparison.Ordinal) => giveaways.OnEnterAsync(press, context, ct),
        var d when d.StartsWith(MeetupCommands.GoingPrefix, StringComparison.Ordinal) => meetups.OnRsvpAsync(press, going: true, context, ct),
        var d when d.StartsWith(MeetupCommands.NotGoingPrefix, StringComparison.Ordinal) => meetups.OnRsvpAsync(press, going: false, context, ct),
        var d when d.StartsWith(MeetupCommands.RatePrefix, StringComparison.Ordinal) => meetups.OnRateAsync(press, context, ct),
        var d when d.StartsWith(ContestCommands.VotePrefix, StringComparison.Ordinal) => contests.OnVoteAsync(press, context, ct),
        _ => FeatureResults.NoneAsync,
    };

    private Task<IReadOnlyList<BotAction>> OnTimerAsync(TimerFired timer, EventContext context, CancellationToken ct) => timer.Key switch
    {
        var k when k.StartsWith(GiveawayCommands.TimerPrefix, StringComparison.Ordinal) => giveaways.OnTimerAsync(timer, context, ct),
        var k when k.StartsWith(MeetupCommands.TimerPrefix, StringComparison.Ordinal) => meetups.OnTimerAsync(timer, context, ct),
        var k when k.StartsWith(ContestCommands.TimerPrefix, StringComparison.Ordinal) => contests.OnTimerAsync(timer, context, ct),
        _ => FeatureResults.NoneAsync,
    };

    /// <summary>An answer only the presser sees, to the button's interaction where the platform has one.</summary>
    public static Reply Answer(ButtonPressed press, string text) =>
        new(press.Community, press.ChannelId, text, Ephemeral: true, InteractionId: press.InteractionId, To: press.By.User);
}
