using System.Text;

namespace Bot.Domain.Faq;

/// <summary>Entries read from an import file, or why it was refused (with the 1-based entry or row it is about).</summary>
public sealed record FaqImportResult(IReadOnlyList<FaqDraft> Drafts, FaqError? Error = null, int? Row = null)
{
    public static FaqImportResult Failed(FaqError error, int? row = null) => new([], error, row);
}

/// <summary>
/// Reads the YAML import shape (a list of <c>questions: [...]</c>, <c>answer:</c>, <c>tags: [...]</c>); implemented at
/// the edge with a YAML library, so the domain stays free of parsing packages.
/// </summary>
public interface IFaqYamlReader
{
    FaqImportResult Read(string yaml);
}

/// <summary>Picks the format, reads the entries and validates every one; one bad entry refuses the whole import.</summary>
public static class FaqImport
{
    public const int MaxEntries = 500;
    public const int MaxBytes = 512 * 1024;

    public static FaqImportResult Read(string? fileName, string content, IFaqYamlReader yaml)
    {
        var isYaml = fileName is not null
            ? fileName.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
            : LooksLikeYaml(content);
        if (fileName is not null && !isYaml && !fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return FaqImportResult.Failed(new FaqError("ImportUnknownFormat", fileName));
        }

        var result = isYaml ? yaml.Read(content) : FaqCsv.Read(content);
        if (result.Error is not null)
        {
            return result;
        }

        if (result.Drafts.Count == 0)
        {
            return FaqImportResult.Failed(new FaqError("ImportEmpty"));
        }

        if (result.Drafts.Count > MaxEntries)
        {
            return FaqImportResult.Failed(new FaqError("ImportTooMany", MaxEntries));
        }

        for (var i = 0; i < result.Drafts.Count; i++)
        {
            if (FaqEntryParser.Validate(result.Drafts[i]) is { } error)
            {
                return FaqImportResult.Failed(error, i + 1);
            }
        }

        return result;
    }

    private static bool LooksLikeYaml(string content)
    {
        var first = content.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && l[0] != '#') ?? string.Empty;
        return first.StartsWith("- ", StringComparison.Ordinal) || first == "-" || first.StartsWith("questions:", StringComparison.Ordinal);
    }
}

/// <summary>
/// CSV with a header naming the columns <c>questions</c> (phrasings separated by <c>|</c>), <c>answer</c> and
/// optionally <c>tags</c> (separated by <c>|</c> or spaces). Quoting as in RFC 4180.
/// </summary>
public static class FaqCsv
{
    public static FaqImportResult Read(string content)
    {
        var rows = Rows(content.TrimStart('\uFEFF'));
        if (rows.Error is { } error)
        {
            return FaqImportResult.Failed(error);
        }

        if (rows.Rows.Count == 0)
        {
            return FaqImportResult.Failed(new FaqError("ImportEmpty"));
        }

        var header = rows.Rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        var questions = header.FindIndex(h => h is "questions" or "question");
        var answer = header.IndexOf("answer");
        var tags = header.IndexOf("tags");
        if (questions < 0 || answer < 0)
        {
            return FaqImportResult.Failed(new FaqError("ImportCsvHeader"));
        }

        var drafts = new List<FaqDraft>();
        for (var r = 1; r < rows.Rows.Count; r++)
        {
            var row = rows.Rows[r];
            if (row.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Cell(int column) => column >= 0 && column < row.Count ? row[column].Trim() : string.Empty;
            drafts.Add(new FaqDraft(
                Cell(questions).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Cell(answer),
                [.. Cell(tags).Split(['|', ' '], StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimStart('#').ToLowerInvariant()).Distinct()]));
        }

        return new FaqImportResult(drafts);
    }

    private static (List<List<string>> Rows, FaqError? Error) Rows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
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
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add(row);
                    row = [];
                    line++;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            return ([], new FaqError("ImportCsvQuote", line));
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return (rows, null);
    }
}
