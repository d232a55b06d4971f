using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Commands;

namespace Bot.Domain.Tiering;

/// <summary>
/// One purchase from the shop (a CSV row or a webhook call): who (a platform id, @username, or a customer key such
/// as an email linked with <c>/tier link</c>), how much, in which currency, when, and the shop's order id.
/// </summary>
public sealed record SpendingRow(int Line, string Member, decimal Amount, string? Currency, DateTimeOffset? PurchasedAt, string? OrderId)
{
    /// <summary>
    /// What makes a purchase count once, across imports and the webhook: the order id, or else a hash of the row's
    /// values (so the same export imported twice, or a row sent again, changes nothing).
    /// </summary>
    public string Key => OrderId is { } order ? "order:" + order : "row:" + Hash();

    private string Hash()
    {
        var text = string.Join('\u001f', Member.ToLowerInvariant(), Amount.ToString("0.####", CultureInfo.InvariantCulture), Currency ?? string.Empty,
            PurchasedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) ?? string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>
    /// Checks one purchase's values; the error names the line. Dates without a zone are in <paramref name="zone"/>;
    /// a date after <paramref name="now"/> (beyond a day of clock skew) is refused.
    /// </summary>
    public static (SpendingRow? Row, ParseError? Error) Create(
        int line, string member, string amount, string? currency, string? date, string? orderId, TimeZoneInfo zone, DateTimeOffset now)
    {
        member = member.Trim();
        if (member.Length == 0)
        {
            return (null, new ParseError("CsvUser", line));
        }

        var amountText = amount.Trim().TrimStart('$', '¥', '€', '£', '＄').Replace("NT$", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
        if (!decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 1_000_000_000m)
        {
            return (null, new ParseError("CsvAmount", line, amount.Trim()));
        }

        string? code = null;
        if (currency?.Trim() is { Length: > 0 } c)
        {
            code = c.ToUpperInvariant();
            if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
            {
                return (null, new ParseError("CsvCurrency", line, c));
            }
        }

        DateTimeOffset? at = null;
        if (date?.Trim() is { Length: > 0 } d)
        {
            if (!TryParseDate(d, zone, out var parsed))
            {
                return (null, new ParseError("CsvDate", line, d));
            }

            if (parsed > now.AddDays(1))
            {
                return (null, new ParseError("CsvDateFuture", line, d));
            }

            at = parsed.ToUniversalTime();
        }

        var order = orderId?.Trim() is { Length: > 0 } o ? o : null;
        if (order is { Length: > 200 })
        {
            return (null, new ParseError("CsvOrder", line, order[..20] + "…"));
        }

        return (new SpendingRow(line, member, value, code, at, order), null);
    }

    private static bool TryParseDate(string text, TimeZoneInfo zone, out DateTimeOffset at)
    {
        if (DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out at))
        {
            // A date or time without a zone is the community's local time.
            if (!HasZone(text))
            {
                var local = DateTime.SpecifyKind(at.UtcDateTime, DateTimeKind.Unspecified);
                at = new DateTimeOffset(local, zone.GetUtcOffset(local));
            }

            return true;
        }

        return false;
    }

    private static bool HasZone(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
}
