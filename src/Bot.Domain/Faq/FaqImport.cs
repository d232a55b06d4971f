using Bot.Domain.Text;

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
        var (records, unclosed) = Csv.Read(content);
        if (unclosed is { } line)
        {
            return FaqImportResult.Failed(new FaqError("ImportCsvQuote", line));
        }

        if (records.Count == 0)
        {
            return FaqImportResult.Failed(new FaqError("ImportEmpty"));
        }

        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var questions = header.FindIndex(h => h is "questions" or "question");
        var answer = header.IndexOf("answer");
        var tags = header.IndexOf("tags");
        if (questions < 0 || answer < 0)
        {
            return FaqImportResult.Failed(new FaqError("ImportCsvHeader"));
        }

        var drafts = new List<FaqDraft>();
        foreach (var record in records.Skip(1).Where(r => !r.IsBlank))
        {
            var row = record.Fields;
            string Cell(int column) => column >= 0 && column < row.Count ? row[column].Trim() : string.Empty;
            drafts.Add(new FaqDraft(
                Cell(questions).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Cell(answer),
                [.. Cell(tags).Split(['|', ' '], StringSplitOptions.RemoveEmptyEntries).Select(t => t.TrimStart('#').ToLowerInvariant()).Distinct()]));
        }

        return new FaqImportResult(drafts);
    }
}
