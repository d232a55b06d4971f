using Bot.Domain.Model;
using Telegram.Bot.Types.ReplyMarkups;

namespace Bot.Adapters.Telegram;

/// <summary>Domain text and buttons as Telegram takes them: HTML-escaped, split to the message size, inline keyboards.</summary>
public static class TelegramFormatting
{
    /// <summary>Telegram's limit is 4096 characters after entity parsing; the escaped entities do not count.</summary>
    public const int MaxMessageLength = 4096;

    public const int MaxButtonsPerRow = 3;

    /// <summary>Only these three are special in Telegram's HTML parse mode.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>The text in pieces of at most <see cref="MaxMessageLength"/>, cut at line ends where possible, each escaped.</summary>
    public static IReadOnlyList<string> Chunks(string text)
    {
        var chunks = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > MaxMessageLength)
        {
            var cut = rest[..MaxMessageLength].LastIndexOf('\n');
            if (cut < MaxMessageLength / 2)
            {
                cut = MaxMessageLength;
                // Never split a surrogate pair (an emoji) in half.
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }
            }

            chunks.Add(Escape(rest[..cut].TrimEnd().ToString()));
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            chunks.Add(Escape(rest.ToString()));
        }

        return chunks;
    }

    public static InlineKeyboardMarkup? Keyboard(IReadOnlyList<Button>? buttons) =>
        buttons is not { Count: > 0 }
            ? null
            : new InlineKeyboardMarkup(buttons.Chunk(MaxButtonsPerRow)
                .Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Data))));
}
