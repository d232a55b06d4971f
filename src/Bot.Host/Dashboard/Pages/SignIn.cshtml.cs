using System.Globalization;
using Bot.Domain.Dashboard;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bot.Host.Dashboard.Pages;

/// <summary>Where every page sends a browser without a session: how to sign in, in both languages, and no community data.</summary>
public sealed class SignInModel : PageModel
{
    public static readonly IReadOnlyList<CultureInfo> Cultures = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    public bool Failed { get; private set; }

    public static string T(CultureInfo culture, string key, params object?[] args) => DashboardText.Get(culture, key, args);

    public void OnGet(bool failed = false) => Failed = failed;
}
