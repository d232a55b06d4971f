using System.Globalization;
using Bot.Domain.Commands;

namespace Bot.Domain.Tiering;

/// <summary>One row of a spending import: who (id or @username), how much, and an optional order reference.</summary>
public sealed record SpendingRow(int Line, string User, decimal Amount, string? Reference);

/// <summary>
/// Reads a spending CSV (<c>user,amount[,reference]</c>, a header line allowed). Any bad line fails the
/// whole file, so an import is all or nothing. Errors are keys in the tiering texts.
/// </summary>
public static class SpendingCsv
{
    public static (IReadOnlyList<SpendingRow> Rows, ParseError? Error) Parse(string text, int maxRows)
    {
        var rows = new List<SpendingRow>();
        var references = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = Fields(line);
            var number = i + 1;
            var amountParses = fields.Count >= 2 && decimal.TryParse(fields[1], NumberStyles.Number, CultureInfo.InvariantCulture, out _);
            if (!amountParses && IsFirst(lines, i))
            {
                continue; // a header
            }

            if (fields.Count is < 2 or > 3)
            {
                return ([], new ParseError("CsvColumns", number));
            }

            if (fields[0].Length == 0)
            {
                return ([], new ParseError("CsvUser", number));
            }

            if (!decimal.TryParse(fields[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                return ([], new ParseError("CsvAmount", number, fields[1]));
            }

            var reference = fields.Count == 3 && fields[2].Length > 0 ? fields[2] : null;
            if (reference is not null && !references.Add(reference))
            {
                return ([], new ParseError("CsvDuplicateReference", number, reference));
            }

            rows.Add(new SpendingRow(number, fields[0], amount, reference));
            if (rows.Count > maxRows)
            {
                return ([], new ParseError("CsvTooMany", maxRows));
            }
        }

        return rows.Count == 0 ? ([], new ParseError("CsvEmpty")) : (rows, null);
    }

    private static bool IsFirst(string[] lines, int index) => lines.Take(index).All(l => l.Trim().Length == 0);

    /// <summary>Comma-separated fields; a field in double quotes may hold commas and "" for a quote.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
