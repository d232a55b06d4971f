using Bot.Adapters.Scheduling;
using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// Runs one action where it belongs: timers on the scheduler, answers to the web dashboard to the page waiting for
/// them, everything else on the executor of its platform.
/// </summary>
public sealed class ActionRouter(IEnumerable<IActionExecutor> executors, TimerScheduler timers, WebReplies web)
{
    private readonly Dictionary<Platform, IActionExecutor> _executors = executors.ToDictionary(e => e.Platform);

    public Task<ActionResult> RunAsync(BotAction action, CancellationToken ct) => action switch
    {
        ScheduleTimer schedule => timers.ScheduleAsync(schedule, ct),
        CancelTimer cancel => timers.CancelAsync(cancel, ct),
        _ when web.TryTake(action) => Task.FromResult(ActionResult.Ok),
        _ when _executors.TryGetValue(action.Community.Platform, out var executor) => executor.ExecuteAsync(action, ct),
        _ => Task.FromResult(ActionResult.Failed($"no {action.Community.Platform} adapter is running")),
    };

    /// <summary>Timers that queued one after another in a lane, stored together (see <see cref="TimerScheduler.ScheduleAllAsync"/>).</summary>
    public async Task<IReadOnlyList<ActionResult>> ScheduleAllAsync(IReadOnlyList<ScheduleTimer> schedules, CancellationToken ct)
    {
        await timers.ScheduleAllAsync(schedules, ct);
        return [.. schedules.Select(_ => ActionResult.Ok)];
    }

    /// <summary>
    /// The queue an action waits in: one per chat for messages, one per member for moderation of that member, one per
    /// community for the rest. Order holds within a queue; queues do not wait for each other. The console has no rate
    /// limits and its printed order is its interface (transcripts, tests), so it keeps one queue per community.
    /// </summary>
    public static string LaneOf(BotAction action)
    {
        var community = action.Community.ToString();
        return action switch
        {
            _ when action.Community.Platform == Platform.Console => community,
            Reply a => $"{community}/chat:{a.ThreadId ?? a.ChannelId}",
            SendMessage a => $"{community}/chat:{a.ThreadId ?? a.ChannelId}",
            EditMessage a => $"{community}/chat:{a.ChannelId}",
            DeleteMessage a => $"{community}/chat:{a.ChannelId}",
            DeleteMessages a => $"{community}/chat:{a.ChannelId}",
            DirectMessage a => $"{community}/dm:{a.User.Id}",
            TimeoutMember a => $"{community}/member:{a.User.Id}",
            RemoveTimeout a => $"{community}/member:{a.User.Id}",
            KickMember a => $"{community}/member:{a.User.Id}",
            BanMember a => $"{community}/member:{a.User.Id}",
            UnbanMember a => $"{community}/member:{a.User.Id}",
            GrantRole a => $"{community}/member:{a.User.Id}",
            RevokeRole a => $"{community}/member:{a.User.Id}",
            PostToStaff or OpenStaffThread => $"{community}/staff",
            ScheduleTimer or CancelTimer => $"{community}/timers",
            _ => community,
        };
    }
}
