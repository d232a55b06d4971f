using System.Globalization;
using Bot.Domain.Dashboard;
using Bot.Domain.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Host.Dashboard;

/// <summary>
/// A page for signed-in staff. Without a session it redirects to the sign-in explanation before any data is read;
/// a role without <see cref="Needed"/> sees a refusal. Forms post commands through <see cref="StaffCommandBus"/>, and
/// their answers are shown once after the redirect.
/// </summary>
public abstract class DashboardPage(DashboardServices services) : PageModel
{
    private const string NoticeKey = "dashboard.notice";

    protected DashboardServices Services => services;

    public StaffUser Staff { get; private set; } = null!;

    public CultureInfo Culture => Staff.Culture;

    public bool Refused { get; private set; }

    /// <summary>What the command answered, shown once after a form was sent.</summary>
    public IReadOnlyList<string> Notices { get; private set; } = [];

    public abstract string Section { get; }

    protected abstract Permission Needed { get; }

    public string T(string key, params object?[] args) => DashboardText.Get(Culture, key, args);

    public bool Can(Permission permission) => services.Permissions.Allows(Staff.Roles, permission);

    /// <summary>A time in the community's zone.</summary>
    public string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Staff.Settings.Zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>How long ago, in whole minutes, hours or days.</summary>
    public string Age(DateTimeOffset since)
    {
        var age = services.Time.GetUtcNow() - since;
        return age.TotalHours < 1 ? T("AgeMinutes", (int)age.TotalMinutes)
            : age.TotalDays < 1 ? T("AgeHours", (int)age.TotalHours)
            : T("AgeDays", (int)age.TotalDays);
    }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await services.SignIn.CurrentAsync(HttpContext, HttpContext.RequestAborted) is not { } staff)
        {
            context.Result = Redirect(DashboardRoutes.SignIn);
            return;
        }

        Staff = staff;
        if (TempData[NoticeKey] is string notice)
        {
            Notices = notice.Split('\u001e');
        }

        if (!Can(Needed))
        {
            Refused = true;
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Result = Page();
            return;
        }

        await next();
    }

    /// <summary>Runs a chat command as the signed-in member and shows its answers on the page it came from.</summary>
    protected async Task<IActionResult> CommandAsync(string name, string arguments, string? thread = null)
    {
        var answers = await services.Commands.CommandAsync(Staff, name, arguments, thread, HttpContext.RequestAborted);
        return Done(answers.Select(a => a.Text));
    }

    protected IActionResult Done(IEnumerable<string> notices)
    {
        TempData[NoticeKey] = string.Join('\u001e', notices);
        return RedirectToPage();
    }

    /// <summary>Command arguments are one line: a form's line breaks would start a new command in a chat.</summary>
    protected static string OneLine(string? text) => string.Join(' ', (text ?? string.Empty).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}

/// <summary>What every dashboard page uses, in one constructor parameter.</summary>
public sealed class DashboardServices(StaffSignIn signIn, StaffCommandBus commands, PermissionTable permissions, TimeProvider time)
{
    public StaffSignIn SignIn => signIn;

    public StaffCommandBus Commands => commands;

    public PermissionTable Permissions => permissions;

    public TimeProvider Time => time;
}

public static class DashboardRoutes
{
    public const string SignIn = "/dashboard/signin";
}
