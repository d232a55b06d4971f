using Bot.Domain.Text;
using Bot.Domain.Commands;

namespace Bot.Domain.Tiering;

/// <summary>
/// Which of a shop export's columns hold what, by header name. <see cref="Member"/> and <see cref="Amount"/> are
/// needed; without <see cref="Order"/> a purchase is known by a hash of its values.
/// </summary>
public sealed record SpendingColumns(string Member, string Amount, string? Currency = null, string? Date = null, string? Order = null)
{
    /// <summary>The mapping as it is typed and saved: <c>member=Email; amount=Total; order=Order ID</c>.</summary>
    public override string ToString() => string.Join("; ", new[]
    {
        ("member", Member), ("amount", Amount), ("currency", Currency), ("date", Date), ("order", Order),
    }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));

    /// <summary>Reads <c>field=Header; …</c>; the fields are member, amount, currency, date and order.</summary>
    public static (SpendingColumns? Columns, ParseError? Error) Parse(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var field = equals > 0 ? part[..equals].Trim() : string.Empty;
            if (equals <= 0 || part[(equals + 1)..].Trim().Length == 0 || field.ToLowerInvariant() is not ("member" or "amount" or "currency" or "date" or "order"))
            {
                return (null, new ParseError("MappingSyntax", part));
            }

            map[field] = part[(equals + 1)..].Trim();
        }

        return map.TryGetValue("member", out var member) && map.TryGetValue("amount", out var amount)
            ? (new SpendingColumns(member, amount, map.GetValueOrDefault("currency"), map.GetValueOrDefault("date"), map.GetValueOrDefault("order")), null)
            : (null, new ParseError("MappingSyntax", text));
    }

    // Common export headers (lower case, spaces and underscores removed), English and Chinese.
    private static readonly string[] MemberNames = ["member", "user", "userid", "memberid", "discordid", "telegramid", "platformid", "username", "email", "customeremail", "buyeremail", "customer", "會員", "用戶", "電子郵件", "信箱", "email地址"];
    private static readonly string[] AmountNames = ["amount", "total", "ordertotal", "grandtotal", "price", "subtotal", "金額", "總計", "總金額", "訂單金額"];
    private static readonly string[] CurrencyNames = ["currency", "currencycode", "幣別", "貨幣"];
    private static readonly string[] DateNames = ["date", "orderdate", "createdat", "paidat", "purchasedat", "time", "日期", "訂單日期", "付款時間", "購買日期"];
    private static readonly string[] OrderNames = ["order", "orderid", "ordernumber", "orderno", "reference", "transactionid", "訂單編號", "訂單號碼", "訂單"];

    /// <summary>The columns recognised from a header row, or null when member or amount is not among them.</summary>
    public static SpendingColumns? Detect(IReadOnlyList<string> headers)
    {
        string? Find(string[] names) => headers.FirstOrDefault(h => names.Contains(Normalise(h)));
        return Find(MemberNames) is { } member && Find(AmountNames) is { } amount
            ? new SpendingColumns(member, amount, Find(CurrencyNames), Find(DateNames), Find(OrderNames))
            : null;
    }

    private static string Normalise(string header) =>
        new([.. header.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-' and not '#').Select(char.ToLowerInvariant)]);
}

/// <summary>A shop export read: its rows and the column mapping it was read with.</summary>
public sealed record SpendingFile(IReadOnlyList<SpendingRow> Rows, SpendingColumns Columns);

/// <summary>
/// Reads a shop's spending export: a header row, then one purchase a line. The columns come from the mapping typed
/// with the command, else the one saved for the community, else the headers recognised. Any bad line refuses the
/// whole file with its line number, so an import is all or nothing. Errors are keys in the tiering texts.
/// </summary>
public static class SpendingCsv
{
    public static (SpendingFile? File, ParseError? Error) Read(
        string text, SpendingColumns? columns, int maxRows, TimeZoneInfo zone, DateTimeOffset now)
    {
        var (records, unclosed) = Csv.Read(text);
        if (unclosed is { } quoteLine)
        {
            return (null, new ParseError("CsvQuote", quoteLine));
        }

        var lines = records.Where(r => !r.IsBlank).ToList();
        if (lines.Count == 0)
        {
            return (null, new ParseError("CsvEmpty"));
        }

        var headers = Trimmed(lines[0]);
        columns ??= SpendingColumns.Detect(headers);
        if (columns is null)
        {
            return (null, new ParseError("CsvNoMapping", string.Join(", ", headers)));
        }

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (field, header) in new[] { ("member", columns.Member), ("amount", columns.Amount), ("currency", columns.Currency), ("date", columns.Date), ("order", columns.Order) })
        {
            if (header is null)
            {
                continue;
            }

            var at = headers.FindIndex(h => h.Equals(header, StringComparison.OrdinalIgnoreCase));
            if (at < 0)
            {
                return (null, new ParseError("CsvMissingColumn", header, field, string.Join(", ", headers)));
            }

            index[field] = at;
        }

        string? Field(List<string> fields, string name) => index.TryGetValue(name, out var at) ? fields[at] : null;
        var rows = new List<SpendingRow>();
        var orders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var number = line.Line;
            var fields = Trimmed(line);
            if (fields.Count < headers.Count)
            {
                return (null, new ParseError("CsvColumns", number, headers.Count, fields.Count));
            }

            var (row, error) = SpendingRow.Create(
                number, Field(fields, "member")!, Field(fields, "amount")!, Field(fields, "currency"), Field(fields, "date"), Field(fields, "order"), zone, now);
            if (error is not null)
            {
                return (null, error);
            }

            if (row!.OrderId is { } order && !orders.Add(order))
            {
                return (null, new ParseError("CsvDuplicateReference", number, order));
            }

            rows.Add(row);
            if (rows.Count > maxRows)
            {
                return (null, new ParseError("CsvTooMany", maxRows));
            }
        }

        return rows.Count == 0 ? (null, new ParseError("CsvEmpty")) : (new SpendingFile(rows, columns), null);
    }

    private static List<string> Trimmed(CsvRecord record) => [.. record.Fields.Select(f => f.Trim())];
}
