using Bot.Domain.Dashboard;
using Bot.Domain.Moderation;
using Bot.Domain.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Bot.Host.Dashboard.Pages;

/// <summary>Rules and their modes (<c>/rule mode</c>), recent infractions, and appeals to decide (<c>/appeals accept|deny</c>).</summary>
public sealed class ModerationModel(DashboardServices services, IModerationStore moderation, IDashboardReads reads) : DashboardPage(services)
{
    private const int InfractionsShown = 30;

    public override string Section => "Moderation";

    protected override Permission Needed => Permission.Moderate;

    public IReadOnlyList<ModerationRule> Rules { get; private set; } = [];

    public IReadOnlyList<InfractionLine> Infractions { get; private set; } = [];

    public IReadOnlyList<PendingAppeal> Appeals { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Rules = await moderation.RulesAsync(Staff.Community, ct);
        Infractions = await reads.RecentInfractionsAsync(Staff.Community, InfractionsShown, ct);
        Appeals = await reads.PendingAppealsAsync(Staff.Community, ct);
    }

    public Task<IActionResult> OnPostModeAsync(long id, string mode) =>
        CommandAsync("rule", $"mode {id} {(mode == "log" ? "log" : "enforce")}");

    public Task<IActionResult> OnPostAppealAsync(long id, string decision, string? note) =>
        CommandAsync("appeals", $"{(decision == "accept" ? "accept" : "deny")} {id} {OneLine(note)}".TrimEnd());
}
