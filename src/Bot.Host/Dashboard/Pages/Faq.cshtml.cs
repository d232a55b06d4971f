using Bot.Domain.Faq;
using Bot.Domain.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Bot.Host.Dashboard.Pages;

/// <summary>FAQ entries (<c>/faq add|edit|remove</c>), the test box (<c>/faq test</c>) and the unanswered questions.</summary>
public sealed class FaqModel(DashboardServices services, IFaqStore faq) : DashboardPage(services)
{
    private const int GapsShown = 20;

    public override string Section => "Faq";

    protected override Permission Needed => Permission.ManageFaq;

    public IReadOnlyList<FaqEntry> Entries { get; private set; } = [];

    public IReadOnlyList<FaqGap> Gaps { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Entries = await faq.ListAsync(Staff.Community, HttpContext.RequestAborted);
        Gaps = await faq.TopGapsAsync(Staff.Community, GapsShown, since: null, HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostAddAsync(string? questions, string? answer) =>
        CommandAsync("faq", "add " + Entry(questions, answer));

    public Task<IActionResult> OnPostEditAsync(long id, string? questions, string? answer) =>
        CommandAsync("faq", $"edit {id} " + Entry(questions, answer));

    public Task<IActionResult> OnPostRemoveAsync(long id) => CommandAsync("faq", $"remove {id}");

    public Task<IActionResult> OnPostTestAsync(string? question) => CommandAsync("faq", "test " + OneLine(question));

    /// <summary>The entry as staff type it in chat: one phrasing per line becomes <c>a | b =&gt; answer</c>.</summary>
    private static string Entry(string? questions, string? answer)
    {
        var phrasings = (questions ?? string.Empty).Split(['\r', '\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return $"{string.Join(" | ", phrasings)} {FaqEntryParser.Arrow} {(answer ?? string.Empty).Trim()}";
    }
}
