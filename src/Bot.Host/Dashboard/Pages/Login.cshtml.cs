using Bot.Domain.Dashboard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Host.Dashboard.Pages;

/// <summary>
/// The one-time link's page. Opening it only shows a button: chat apps fetch links to preview them, and a preview
/// must not use the link up. The button's post redeems it and sets the session cookie.
/// </summary>
public sealed class LoginModel(StaffSignIn signIn) : PageModel
{
    public string Token { get; private set; } = string.Empty;

    public IActionResult OnGet(string? token)
    {
        if (!DashboardSecrets.IsWellFormed(token))
        {
            return Redirect(DashboardRoutes.SignIn + "?failed=true");
        }

        Token = token!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? token) =>
        await signIn.SignInAsync(HttpContext, token, HttpContext.RequestAborted)
            ? Redirect("/dashboard")
            : Redirect(DashboardRoutes.SignIn + "?failed=true");
}
