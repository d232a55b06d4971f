using System.Globalization;
using Bot.Domain.Text;

namespace Bot.Domain.Tickets;

/// <summary>Strings of the tickets.</summary>
public static class TicketText
{
    public static readonly Texts Texts = Texts.For<TicketDesk>("TicketStrings");

    public static string Get(CultureInfo culture, string key, params object?[] args) => Texts.Get(culture, key, args);

    public static string Status(CultureInfo culture, TicketStatus status) => Texts.Get(culture, "Status" + status);
}
