using Bot.Domain.Events;
using Bot.Domain.Model;

namespace Bot.Adapters.Pipeline;

/// <summary>
/// Cleans text from the platforms once, where adapters hand events over: PostgreSQL rejects U+0000 in <c>text</c> and
/// <c>jsonb</c>, so a NUL in a message or a name would fail every feature that stores it. Other control characters
/// are kept (they are valid text); NUL carries no meaning in chat, so it is dropped.
/// </summary>
public static class EventText
{
    public static IReadOnlyList<ChatEvent> Clean(IReadOnlyList<ChatEvent> events) =>
        events.Any(HasNul) ? [.. events.Select(Clean)] : events;

    public static ChatEvent Clean(ChatEvent e) => e switch
    {
        MessagePosted m => m with { Text = Strip(m.Text), Author = Clean(m.Author) },
        MessageEdited m => m with { Text = Strip(m.Text), Author = Clean(m.Author) },
        CommandInvoked c => c with { Name = Strip(c.Name), Arguments = Strip(c.Arguments), Caller = Clean(c.Caller) },
        MemberJoined j => j with { Member = Clean(j.Member), InviteCode = StripOrNull(j.InviteCode) },
        ButtonPressed b => b with { Data = Strip(b.Data), By = Clean(b.By) },
        ReactionAdded r => r with { Emoji = Strip(r.Emoji) },
        _ => e,
    };

    private static bool HasNul(ChatEvent e) => e switch
    {
        MessagePosted m => Has(m.Text) || Has(m.Author),
        MessageEdited m => Has(m.Text) || Has(m.Author),
        CommandInvoked c => Has(c.Name) || Has(c.Arguments) || Has(c.Caller),
        MemberJoined j => Has(j.Member) || Has(j.InviteCode),
        ButtonPressed b => Has(b.Data) || Has(b.By),
        ReactionAdded r => Has(r.Emoji),
        _ => false,
    };

    private static Member Clean(Member m) =>
        Has(m) ? m with { DisplayName = Strip(m.DisplayName), Username = StripOrNull(m.Username) } : m;

    private static bool Has(Member m) => Has(m.DisplayName) || Has(m.Username);

    private static bool Has(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;

    private static string Strip(string text) => Has(text) ? text.Replace("\0", string.Empty, StringComparison.Ordinal) : text;

    private static string? StripOrNull(string? text) => text is null ? null : Strip(text);
}
