using System.Text;

namespace Bot.Domain.Text;

/// <summary>One CSV record, its fields as written, and the line it starts on (1-based).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields)
{
    public bool IsBlank => Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Comma-separated records, quoted as RFC 4180 has it: a field in double quotes may hold commas, line breaks and
/// <c>""</c> for a quote (spaces before the opening quote are dropped). A byte-order mark and <c>\r</c> are ignored.
/// The FAQ import and the shop's spending export both read their files through it.
/// </summary>
public static class Csv
{
    /// <summary>Every record, blank ones included (callers count lines); or the line of a quote that is never closed.</summary>
    public static (IReadOnlyList<CsvRecord> Records, int? UnclosedQuoteLine) Read(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoteLine) = (1, 1, 0);
        var quoted = false;
        text = text.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else if (c != '\r')
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when IsBlank(field):
                    field.Clear();
                    (quoted, quoteLine) = (true, line);
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add(new CsvRecord(recordLine, fields));
                    fields = [];
                    recordLine = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            return ([], quoteLine);
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields));
        }

        return (records, null);
    }

    private static bool IsBlank(StringBuilder field)
    {
        for (var i = 0; i < field.Length; i++)
        {
            if (!char.IsWhiteSpace(field[i]))
            {
                return false;
            }
        }

        return true;
    }
}
