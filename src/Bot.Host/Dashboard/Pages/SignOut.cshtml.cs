using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Host.Dashboard.Pages;

/// <summary>Revokes this browser's session and clears its cookie.</summary>
public sealed class SignOutModel(StaffSignIn signIn) : PageModel
{
    public IActionResult OnGet() => Redirect(DashboardRoutes.SignIn);

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(HttpContext, HttpContext.RequestAborted);
        return Redirect(DashboardRoutes.SignIn);
    }
}
