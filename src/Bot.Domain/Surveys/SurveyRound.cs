using System.Globalization;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Surveys;

/// <summary>Posting a round: the question with buttons 1–5 (<c>survey:rate:&lt;id&gt;:&lt;n&gt;</c>).</summary>
public sealed class SurveyRound(ISurveyStore store, SurveysOptions options)
{
    public const string Feature = "surveys";
    public const string RunKey = "run";
    public const string RatePrefix = "survey:rate:";

    public async Task<BotAction> PostAsync(EventContext context, string channel, CancellationToken ct)
    {
        var draft = new Survey(0, context.Community, channel, context.Now, context.Now.AddDays(options.ResponseDays));
        var id = await store.CreateAsync(draft, ct);
        var culture = context.Culture;
        var buttons = Enumerable.Range(1, 5).Select(n => new Button(Stars(n), Rate(id, n))).ToList();
        return new SendMessage(context.Community, channel, SurveysText.Get(culture, "Question", id, options.ResponseDays), buttons);
    }

    public static string Rate(long id, int rating) => string.Create(CultureInfo.InvariantCulture, $"{RatePrefix}{id}:{rating}");

    public static bool TryParseRate(string data, out long id, out int rating)
    {
        (id, rating) = (0, 0);
        var parts = data.StartsWith(RatePrefix, StringComparison.Ordinal) ? data[RatePrefix.Length..].Split(':') : [];
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out rating)
            && rating is >= 1 and <= 5;
    }

    private static string Stars(int n) => n.ToString(CultureInfo.InvariantCulture) + "★";
}
