using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Features;

/// <summary>Bound from <c>Metrics</c>: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string Section = "Metrics";

    /// <summary>
    /// When set, <c>/metrics</c> answers any address that sends <c>Authorization: Bearer &lt;token&gt;</c>; when empty, only
    /// callers on the machine itself (loopback). Never logged.
    /// </summary>
    public string? BearerToken { get; set; }

    // Empty is allowed (compose passes an unset variable as ""); a short token is not. The value is never in the message.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(BearerToken) && BearerToken.Length < 16)
        {
            yield return new ValidationResult("Metrics:BearerToken must be at least 16 characters.", [nameof(BearerToken)]);
        }
    }
}

/// <summary>The rule for <c>/metrics</c>: the configured bearer token, or, without one, a loopback caller.</summary>
public static class MetricsAccess
{
    public static bool Allows(MetricsOptions options, IPAddress? remote, string? authorization)
    {
        if (string.IsNullOrEmpty(options.BearerToken))
        {
            return remote is not null && IPAddress.IsLoopback(remote);
        }

        const string Scheme = "Bearer ";
        return authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(
                SHA256.HashData(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(options.BearerToken)));
    }
}
