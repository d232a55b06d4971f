using System.Globalization;
using Bot.Domain.Community;

namespace Bot.Domain.Core;

/// <summary>The answer for each <see cref="ChatRefusal"/>: what is wrong and what to do about it.</summary>
public static class ChatRefusals
{
    public static string Explain(CultureInfo culture, ChatRefusal refusal, string chat) =>
        CoreText.Get(culture, "Chat" + refusal, chat);
}
