using Bot.Domain.Faq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Adapters.Faq;

/// <summary>
/// Reads the FAQ import's YAML: a list of entries, each <c>questions</c> (a list, or <c>question</c> for one),
/// <c>answer</c> and optional <c>tags</c>. Unknown keys are refused so that a typo does not silently drop data.
/// </summary>
public sealed class YamlFaqReader : IFaqYamlReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    public FaqImportResult Read(string yaml)
    {
        List<YamlEntry>? entries;
        try
        {
            entries = Deserializer.Deserialize<List<YamlEntry>?>(yaml);
        }
        catch (YamlException ex)
        {
            // Syntax errors and shape errors (a mapping where the list should be, an unknown key) alike name the line.
            return FaqImportResult.Failed(new FaqError("ImportYamlSyntax", ex.Start.Line, FirstLine(ex.InnerException?.Message ?? ex.Message)));
        }

        if (entries is null)
        {
            return FaqImportResult.Failed(new FaqError("ImportEmpty"));
        }

        return new FaqImportResult([.. entries.Select(e => new FaqDraft(
            [.. (e.Questions ?? []).Concat(e.Question is null ? [] : [e.Question]).Select(q => q.Trim()).Where(q => q.Length > 0)],
            e.Answer?.Trim() ?? string.Empty,
            [.. (e.Tags ?? []).Select(t => t.Trim().TrimStart('#').ToLowerInvariant()).Where(t => t.Length > 0).Distinct()]))]);
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();

    private sealed class YamlEntry
    {
        public List<string>? Questions { get; set; }

        public string? Question { get; set; }

        public string? Answer { get; set; }

        public List<string>? Tags { get; set; }
    }
}
