using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Adapters.Console;

/// <summary>Executes actions by printing them; results (message ids, invite links, threads) are made up locally.</summary>
public sealed class ConsoleExecutor(IConsoleOutput output) : IActionExecutor
{
    private int _next;

    public Platform Platform => Platform.Console;

    public Task<ActionResult> ExecuteAsync(BotAction action, CancellationToken ct)
    {
        output.WriteLine(ActionFormatter.Format(action));
        var n = Interlocked.Increment(ref _next);
        var result = action switch
        {
            CreateInviteLink invite => new ActionResult(true, Value: $"https://console.invalid/join/{invite.ForUser.Id}-{n}"),
            OpenStaffThread => new ActionResult(true, ChannelId: $"staff-thread-{n}"),
            SendMessage send => new ActionResult(true, send.ChannelId, $"b{n}"),
            Reply reply => new ActionResult(true, reply.ChannelId, $"b{n}"),
            PostToStaff => new ActionResult(true, "staff", $"b{n}"),
            _ => ActionResult.Ok,
        };
        return Task.FromResult(result);
    }
}
