using System.Globalization;

namespace Bot.Domain.Tickets;

/// <summary>Button data of the tickets: <c>ticket:open</c> and <c>ticket:rate:&lt;id&gt;:&lt;1-5&gt;</c>.</summary>
public static class TicketButtons
{
    public const string Open = "ticket:open";
    public const string RatePrefix = "ticket:rate:";

    public static string Rate(long id, int stars) => string.Create(CultureInfo.InvariantCulture, $"{RatePrefix}{id}:{stars}");

    public static bool TryParseRate(string data, out long id, out int stars)
    {
        (id, stars) = (0, 0);
        var parts = data[RatePrefix.Length..].Split(':');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out stars)
            && stars is >= 1 and <= 5;
    }
}
