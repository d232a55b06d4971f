using System.Globalization;
using Bot.Domain.Commands;

namespace Bot.Domain.Moderation;

/// <summary>One rung: at least <see cref="Strikes"/> points within <see cref="Window"/> brings <see cref="Action"/>.</summary>
public sealed record LadderStep(int Strikes, TimeSpan Window, RuleAction Action)
{
    public override string ToString() => $"{Strikes}/{DurationParser.Format(Window)} {Action}";
}

/// <summary>
/// Strikes that decay: each counts only while it is younger than a step's window, so a member who stops
/// misbehaving climbs back down by waiting. Written as <c>3/24h timeout 1h; 5/7d ban</c>.
/// </summary>
public sealed class EscalationLadder(IReadOnlyList<LadderStep> steps)
{
    public const string DefaultText = "3/24h timeout 1h; 5/7d ban";

    public IReadOnlyList<LadderStep> Steps { get; } = steps;

    public TimeSpan LongestWindow => Steps.Count == 0 ? TimeSpan.Zero : Steps.Max(s => s.Window);

    public static (EscalationLadder? Ladder, RuleError? Error) Parse(string text)
    {
        var steps = new List<LadderStep>();
        foreach (var part in text.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0 || !RuleParser.TryParseRate(part[..space], out var strikes, out var window) && !TryParseLongRate(part[..space], out strikes, out window))
            {
                return (null, new RuleError("BadLadder", part));
            }

            var (action, error) = RuleParser.ParseAction(part[(space + 1)..]);
            if (error is not null || action!.Kind is ActionKind.Log or ActionKind.Delete)
            {
                return (null, new RuleError("BadLadder", part));
            }

            steps.Add(new LadderStep(strikes, window, action));
        }

        return steps.Count == 0 ? (null, new RuleError("BadLadder", text)) : (new EscalationLadder(steps), null);
    }

    /// <summary>
    /// The most severe step the member's counting strikes reach now, plus <paramref name="extra"/> hypothetical
    /// points ("what happens at the next strike"); null when none is reached.
    /// </summary>
    public LadderStep? Reached(IEnumerable<Infraction> history, DateTimeOffset now, int extra = 0)
    {
        var counting = history.Where(i => i.Counts).ToList();
        return Steps
            .Where(step => counting.Where(i => i.At > now - step.Window).Sum(i => i.Points) + extra >= step.Strikes)
            .OrderByDescending(step => step.Action.Severity)
            .FirstOrDefault();
    }

    public override string ToString() => string.Join("; ", Steps);

    // Ladder windows may be longer than a rule's rate window (a day): up to a year.
    private static bool TryParseLongRate(string text, out int strikes, out TimeSpan window)
    {
        (strikes, window) = (0, TimeSpan.Zero);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out strikes) && strikes is >= 1 and <= 100
            && DurationParser.TryParse(text[(slash + 1)..], out window);
    }
}
