using Bot.Domain.Staff;
using Bot.Domain.Tickets;
using Microsoft.AspNetCore.Mvc;

namespace Bot.Host.Dashboard.Pages;

/// <summary>
/// The open queue with each ticket's age. Claim, close and decide are the thread's <c>/ticket</c> commands typed in the
/// ticket's staff thread; a reply is a message in that thread, relayed to the member as any other.
/// </summary>
public sealed class TicketsModel(DashboardServices services, ITicketStore tickets) : DashboardPage(services)
{
    private const int TranscriptShown = 6;

    public override string Section => "Tickets";

    protected override Permission Needed => Permission.HandleTickets;

    public IReadOnlyList<(Ticket Ticket, IReadOnlyList<TicketMessage> Recent)> Queue { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var queue = new List<(Ticket, IReadOnlyList<TicketMessage>)>();
        foreach (var ticket in (await tickets.ListOpenAsync(Staff.Community, ct)).OrderBy(t => t.OpenedAt))
        {
            queue.Add((ticket, [.. (await tickets.TranscriptAsync(ticket.Id, ct)).TakeLast(TranscriptShown)]));
        }

        Queue = queue;
    }

    public Task<IActionResult> OnPostClaimAsync(long id) => InThreadAsync(id, thread => CommandAsync("ticket", "claim", thread));

    public Task<IActionResult> OnPostCloseAsync(long id, string? reason) =>
        InThreadAsync(id, thread => CommandAsync("ticket", $"close {OneLine(reason)}".TrimEnd(), thread));

    public Task<IActionResult> OnPostDecideAsync(long id, string outcome, string? reason) =>
        InThreadAsync(id, thread => CommandAsync("ticket", $"decide {(outcome == "overturn" ? "overturn" : "uphold")} {OneLine(reason)}".TrimEnd(), thread));

    public Task<IActionResult> OnPostReplyAsync(long id, string? text) => InThreadAsync(id, async thread =>
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Done([T("ReplyEmpty")]);
        }

        await Services.Commands.ThreadMessageAsync(Staff, thread, text.Trim(), HttpContext.RequestAborted);
        return Done([T("ReplySent", id)]);
    });

    /// <summary>The ticket's staff thread, where the chat commands act; a ticket still opening has none yet.</summary>
    private async Task<IActionResult> InThreadAsync(long id, Func<string, Task<IActionResult>> act)
    {
        var ticket = await tickets.GetAsync(Staff.Community, id, HttpContext.RequestAborted);
        return ticket is { ThreadId: { } thread } ? await act(thread) : Done([T("TicketNoThread", id)]);
    }
}
