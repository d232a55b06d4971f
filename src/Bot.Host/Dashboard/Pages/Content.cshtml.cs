using Bot.Domain.Content;
using Bot.Domain.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The content calendar and the drafts waiting for review; approve and reject are <c>/post approve|reject</c>.</summary>
public sealed class ContentModel(DashboardServices services, IContentStore posts) : DashboardPage(services)
{
    private const int Shown = 50;

    public override string Section => "Content";

    protected override Permission Needed => Permission.DraftContent;

    public IReadOnlyList<Post> Submitted { get; private set; } = [];

    public IReadOnlyList<Post> Drafts { get; private set; } = [];

    public IReadOnlyList<Post> Scheduled { get; private set; } = [];

    public IReadOnlyList<Post> Published { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Submitted = await posts.ListAsync(Staff.Community, PostState.Submitted, Shown, ct);
        Drafts = await posts.ListAsync(Staff.Community, PostState.Draft, Shown, ct);
        Scheduled = [.. (await posts.ListAsync(Staff.Community, PostState.Scheduled, Shown, ct)).OrderBy(p => p.ScheduledFor)];
        Published = await posts.ListAsync(Staff.Community, PostState.Published, Shown, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(long id, string? when) =>
        CommandAsync("post", $"approve {id} {OneLine(when)}".TrimEnd());

    public Task<IActionResult> OnPostRejectAsync(long id, string? reason) =>
        CommandAsync("post", $"reject {id} {OneLine(reason)}".TrimEnd());
}
