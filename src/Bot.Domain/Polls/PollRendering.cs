using System.Globalization;
using System.Text;
using Bot.Domain.Model;

namespace Bot.Domain.Polls;

/// <summary>The poll message with its live counts, its buttons (<c>poll:vote:&lt;id&gt;:&lt;option&gt;</c>) and the closing summary.</summary>
public static class PollRendering
{
    public const string VotePrefix = "poll:vote:";

    public static string Text(CultureInfo culture, Poll poll, IReadOnlyList<int> counts, TimeZoneInfo zone)
    {
        var total = counts.Sum();
        var text = new StringBuilder(PollsText.Get(culture, "Header", poll.Id, poll.Question)).AppendLine();
        for (var i = 0; i < poll.Options.Count; i++)
        {
            var share = total == 0 ? 0 : (int)Math.Round(100.0 * counts[i] / total);
            text.AppendLine(PollsText.Get(culture, "OptionLine", i + 1, poll.Options[i], counts[i], share));
        }

        var closes = TimeZoneInfo.ConvertTime(poll.ClosedAt ?? poll.ClosesAt, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        text.Append(PollsText.Get(culture, poll.IsOpen ? "FooterOpen" : "FooterClosed", total, closes));
        return text.ToString();
    }

    public static IReadOnlyList<Button>? Buttons(Poll poll) => poll.IsOpen
        ? [.. poll.Options.Select((o, i) => new Button(Label(o), Vote(poll.Id, i), ButtonStyle.Primary))]
        : null;

    public static string Summary(CultureInfo culture, Poll poll, IReadOnlyList<int> counts)
    {
        var total = counts.Sum();
        if (total == 0)
        {
            return PollsText.Get(culture, "SummaryNoVotes", poll.Id, poll.Question);
        }

        var top = counts.Max();
        var winners = string.Join(", ", poll.Options.Where((_, i) => counts[i] == top));
        return PollsText.Get(culture, "Summary", poll.Id, poll.Question, winners, top, total);
    }

    public static string Vote(long id, int option) => string.Create(CultureInfo.InvariantCulture, $"{VotePrefix}{id}:{option}");

    public static bool TryParseVote(string data, out long id, out int option)
    {
        (id, option) = (0, 0);
        var parts = data.StartsWith(VotePrefix, StringComparison.Ordinal) ? data[VotePrefix.Length..].Split(':') : [];
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out option);
    }

    // Button labels are short on every platform (Discord: 80 characters).
    private static string Label(string option) => option.Length <= 40 ? option : option[..39] + "…";
}
