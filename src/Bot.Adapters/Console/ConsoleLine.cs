using Bot.Domain.Commands;

namespace Bot.Adapters.Console;

/// <summary>One line typed at the console, parsed.</summary>
public abstract record ConsoleLine
{
    /// <summary><c>alice: text</c>, <c>alice -> m3: text</c> (a reply to m3), <c>dm alice: text</c> (a private message to the bot).</summary>
    public sealed record Say(string User, string Text, string? ReplyTo, bool Direct) : ConsoleLine;

    public sealed record Join(string User, string? Invite) : ConsoleLine;

    public sealed record Leave(string User) : ConsoleLine;

    public sealed record Staff(string User, string Role) : ConsoleLine;

    public sealed record Channel(string Name) : ConsoleLine;

    public sealed record Advance(TimeSpan By) : ConsoleLine;

    public sealed record Press(string User, string MessageId, string Data) : ConsoleLine;

    public sealed record React(string User, string MessageId, string Emoji) : ConsoleLine;

    /// <summary><c>:edit alice m3 new text</c>: alice edits her message m3.</summary>
    public sealed record Edit(string User, string MessageId, string Text) : ConsoleLine;

    /// <summary><c>:delete m3</c>: message m3 is deleted (by its author or anyone).</summary>
    public sealed record Delete(string MessageId) : ConsoleLine;

    public sealed record Nothing : ConsoleLine;

    public sealed record Invalid(string Error) : ConsoleLine;

    public const string Usage =
        "Lines: 'alice: hello', 'alice: /help', 'alice -> m3: reply text', 'dm alice: private text', 'alice: /tier import @file spend.csv', " +
        "':join carol [invite-link]', ':leave carol', ':staff alice moderator', ':channel staff', ':advance 2h', " +
        "':press alice m5 faq:up:1', ':react alice m3 👍', ':edit alice m3 new text', ':delete m3'.";

    public static ConsoleLine Parse(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.StartsWith('#'))
        {
            return new Nothing();
        }

        if (text.StartsWith(':'))
        {
            var words = text[1..].Split(' ', 4, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (words[0].ToLowerInvariant(), words.Length) switch
            {
                ("join", 2 or 3) => new Join(words[1], words.Length == 3 ? words[2] : null),
                ("leave", 2) => new Leave(words[1]),
                ("staff", 3) => new Staff(words[1], words[2]),
                ("channel", 2) => new Channel(words[1]),
                ("advance", 2) when DurationParser.TryParse(words[1], out var by) => new Advance(by),
                ("press", 4) => new Press(words[1], words[2], words[3]),
                ("react", 4) => new React(words[1], words[2], words[3]),
                ("edit", 4) => new Edit(words[1], words[2], words[3]),
                ("delete", 2) => new Delete(words[1]),
                _ => new Invalid($"Did not understand '{text}'. {Usage}"),
            };
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return new Invalid($"Did not understand '{text}'. {Usage}");
        }

        var who = text[..colon].Trim();
        var said = text[(colon + 1)..].Trim();
        var direct = who.StartsWith("dm ", StringComparison.OrdinalIgnoreCase);
        if (direct)
        {
            who = who[3..].Trim();
        }

        string? replyTo = null;
        var arrow = who.IndexOf("->", StringComparison.Ordinal);
        if (arrow > 0)
        {
            replyTo = who[(arrow + 2)..].Trim();
            who = who[..arrow].Trim();
        }

        return who.Length == 0 || who.Contains(' ', StringComparison.Ordinal) || said.Length == 0
            ? new Invalid($"Did not understand '{text}'. {Usage}")
            : new Say(who, said, replyTo, direct);
    }
}
