using Bot.Adapters.Discord.Json;
using Bot.Domain.Model;

namespace Bot.Adapters.Discord.Actions;

/// <summary>Domain text and buttons → Discord message bodies (2,000 characters each, 5 buttons a row, pings limited to users).</summary>
internal static class MessageRendering
{
    public const int MaxLength = 2000;

    // Text written by members may contain @everyone or role mentions: only user mentions ping.
    private static readonly AllowedMentions UsersOnly = new(["users"]);

    public static MessageBody Body(string content, IReadOnlyList<Button>? buttons, int? flags = null, MessageReference? replyTo = null) =>
        new(content, Components(buttons), replyTo, UsersOnly, flags);

    public static ComponentJson[]? Components(IReadOnlyList<Button>? buttons) =>
        buttons is not { Count: > 0 }
            ? null
            : [.. buttons.Take(25).Chunk(5).Select(row => new ComponentJson(1, [.. row.Select(b => new ComponentJson(2, Style: Style(b.Style), Label: b.Label, CustomId: b.Data))]))];

    /// <summary>Splits long text at line breaks where it can, so nothing is cut off.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var chunks = new List<string>();
        var rest = text.Length == 0 ? "\u200b" : text;
        while (rest.Length > MaxLength)
        {
            var cut = rest.LastIndexOf('\n', MaxLength - 1);
            cut = cut <= 0 ? MaxLength : cut;
            chunks.Add(rest[..cut]);
            rest = rest[cut..].TrimStart('\n');
        }

        chunks.Add(rest);
        return chunks;
    }

    private static int Style(ButtonStyle style) => style switch
    {
        ButtonStyle.Primary => 1,
        ButtonStyle.Success => 3,
        ButtonStyle.Danger => 4,
        _ => 2,
    };
}
