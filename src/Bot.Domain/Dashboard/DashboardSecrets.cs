using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Dashboard;

/// <summary>Random secrets for links and session cookies, and the hash under which they are stored.</summary>
public static class DashboardSecrets
{
    /// <summary>32 random bytes, URL-safe base64 (43 characters).</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A secret has the shape <see cref="New"/> gives; anything else is refused before a lookup.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
