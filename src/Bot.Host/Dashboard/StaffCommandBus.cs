using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Events;

namespace Bot.Host.Dashboard;

/// <summary>
/// Every change made on the dashboard enters the bot as the chat would have brought it: a command (or a message in a
/// ticket's staff thread) from the signed-in staff member, through the same pipeline, permission check, audit log
/// and features. A command's answers come back here instead of going to a chat.
/// </summary>
public sealed class StaffCommandBus(IEventPipeline pipeline, WebReplies replies, TimeProvider time)
{
    /// <summary>Runs <c>/name arguments</c> as <paramref name="staff"/>, typed in the staff <paramref name="thread"/> if one is given; returns the answers.</summary>
    public Task<IReadOnlyList<WebReply>> CommandAsync(StaffUser staff, string name, string arguments, string? thread, CancellationToken ct) =>
        SendAsync(id => new CommandInvoked(id, staff.Community, time.GetUtcNow(), thread ?? "dashboard", staff.Member, name, arguments,
            MessageId: id, InteractionId: id, ThreadId: thread), ct);

    /// <summary>A message written in a ticket's staff thread: relayed to the member exactly as one typed in the chat.</summary>
    public Task<IReadOnlyList<WebReply>> ThreadMessageAsync(StaffUser staff, string thread, string text, CancellationToken ct) =>
        SendAsync(id => new MessagePosted(id, staff.Community, time.GetUtcNow(), thread, id, staff.Member, text, ThreadId: thread), ct);

    private async Task<IReadOnlyList<WebReply>> SendAsync(Func<string, ChatEvent> make, CancellationToken ct)
    {
        var id = replies.Open();
        IReadOnlyList<Reply> received;
        try
        {
            await pipeline.ProcessAsync([make(id)], ct);
        }
        finally
        {
            // Closed here too when the pipeline threw, so nothing waits for this id any more.
            received = replies.Close(id);
        }

        return [.. received.Select(r => new WebReply(r.Text, r.File is { ContentType: "image/png" } f ? f.Content : null))];
    }
}

/// <summary>One answer to a dashboard command: its text and, for charts, the PNG it carried.</summary>
public sealed record WebReply(string Text, byte[]? Png);
