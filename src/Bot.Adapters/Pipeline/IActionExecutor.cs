using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// What came of an action: ids the platform gave back (a message, a thread, an invite link), and the interaction (a
/// button press) it answered, if it was that answer: the platform takes one per press, so the adapter adds none.
/// </summary>
public sealed record ActionResult(
    bool Succeeded, string? ChannelId = null, string? MessageId = null, string? Value = null, string? Error = null, string? Answered = null)
{
    public static readonly ActionResult Ok = new(true);

    public static ActionResult Failed(string error) => new(false, Error: error);
}

/// <summary>
/// Executes actions on one platform, within its rate limits. Implementations must not throw for a
/// platform refusal (return <see cref="ActionResult.Failed"/>); they throw only when the action should be retried.
/// </summary>
public interface IActionExecutor
{
    Platform Platform { get; }

    Task<ActionResult> ExecuteAsync(BotAction action, CancellationToken ct);
}
