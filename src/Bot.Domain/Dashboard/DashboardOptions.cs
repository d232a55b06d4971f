using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Bot.Domain.Dashboard;

/// <summary>
/// Bound from the <c>Dashboard</c> section: the staff web dashboard, signed in with a one-time link sent from chat.
/// <see cref="PublicUrl"/> is where staff reach the bot's HTTP endpoint (behind a proxy, the proxy's address).
/// </summary>
public sealed class DashboardOptions : IValidatableObject
{
    public const string Section = "Dashboard";

    /// <summary>How long a sign-in link stays valid (and it works once).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(10);

    public bool Enabled { get; set; }

    /// <summary>The dashboard's base address, e.g. <c>https://bot.example.org</c>; https unless it is a loopback address.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How long a signed-in browser stays signed in.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Dashboard:SessionLifetime must be from 00:05:00 to 30.00:00:00.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Session cookies are marked Secure whenever the public address is https.</summary>
    public bool SecureCookies => Base is { Scheme: "https" };

    public Uri? Base => Uri.TryCreate(PublicUrl?.TrimEnd('/'), UriKind.Absolute, out var uri) ? uri : null;

    public string LoginLink(string token) => $"{PublicUrl!.TrimEnd('/')}/dashboard/login?token={token}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(PublicUrl))
        {
            yield return new ValidationResult("Dashboard:PublicUrl is required when Dashboard:Enabled is true (the address staff open, e.g. https://bot.example.org).", [nameof(PublicUrl)]);
        }
        else if (Base is not { Scheme: "http" or "https" } uri || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            yield return new ValidationResult($"Dashboard:PublicUrl '{PublicUrl}' must be an absolute http(s) address without a query, e.g. https://bot.example.org.", [nameof(PublicUrl)]);
        }
        else if (uri.Scheme == "http" && !IsLoopback(uri))
        {
            yield return new ValidationResult($"Dashboard:PublicUrl '{PublicUrl}' must use https: sign-in links and session cookies must not travel in clear text.", [nameof(PublicUrl)]);
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
