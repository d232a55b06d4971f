using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Tiering;

/// <summary>Why a webhook call was refused.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    Stale,
    Mismatch,
}

/// <summary>
/// The spending webhook's signature: <c>X-Spending-Signature: sha256=&lt;hex&gt;</c>, an HMAC-SHA256 with the community's
/// secret over <c>&lt;X-Spending-Timestamp&gt;.&lt;body&gt;</c>. The timestamp (Unix seconds) is signed with the body, so a call
/// captured and sent again more than <see cref="MaxAge"/> later is refused; within it, the idempotency key makes a
/// repeat change nothing.
/// </summary>
public static class SpendingSignature
{
    public const string Header = "X-Spending-Signature";
    public const string TimestampHeader = "X-Spending-Timestamp";
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    public static SignatureCheck Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Missing;
        }

        if (seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds() || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxAge)
        {
            return SignatureCheck.Stale;
        }

        const string prefix = "sha256=";
        byte[] given;
        try
        {
            given = signature.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? Convert.FromHexString(signature[prefix.Length..]) : [];
        }
        catch (FormatException)
        {
            return SignatureCheck.Mismatch;
        }

        // Compared in constant time, so the answer's timing says nothing about how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, timestamp, body)) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
