using System.Globalization;
using System.Text;
using Bot.Domain.Commands;

namespace Bot.Domain.Faq;

/// <summary>
/// <c>/faq synonym add &lt;word&gt; &lt;synonym&gt;</c> (the synonym is read as the word from then on),
/// <c>/faq synonym remove &lt;synonym&gt;</c> and <c>/faq synonym list</c>: a community's own synonyms, laid over
/// the shipped table. Words compare folded, so 重設 and 重设 are one word.
/// </summary>
internal static class FaqSynonymCommand
{
    public const int MaxLength = 40;
    public const int MaxSynonyms = 500;

    public static async Task<string> RunAsync(IFaqStore store, CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var (word, synonym) = (call.Options.OptionalText("word"), call.Options.OptionalText("synonym"));
        // What follows "remove" is one synonym, which may be several words ("reset password").
        var removed = synonym is null ? word : $"{word} {synonym}";
        return call.Options.Choice("action") switch
        {
            "list" when word is null => await ListAsync(store, call, culture, ct),
            "remove" when removed is not null => await store.RemoveSynonymAsync(call.Community, FaqTokenizer.Fold(removed), ct)
                ? FaqText.Get(culture, "SynonymRemoved", removed)
                : FaqText.Get(culture, "SynonymNotFound", removed),
            "add" when word is not null && synonym is not null => await AddAsync(store, call, word, synonym, culture, ct),
            _ => FaqText.Get(culture, "SynonymUsage"),
        };
    }

    private static async Task<string> AddAsync(IFaqStore store, CommandCall call, string word, string synonym, CultureInfo culture, CancellationToken ct)
    {
        var (key, canonical) = (FaqTokenizer.Fold(synonym), FaqTokenizer.Fold(word));
        if (word.Length > MaxLength || synonym.Length > MaxLength)
        {
            return FaqText.Get(culture, "SynonymTooLong", MaxLength);
        }

        if (key.Length == 0 || canonical.Length == 0)
        {
            return FaqText.Get(culture, "SynonymEmpty");
        }

        // A key is matched as Chinese characters or as English words, never both at once.
        if (key.Any(FaqTokenizer.IsCjk) && key.Any(char.IsAsciiLetterOrDigit))
        {
            return FaqText.Get(culture, "SynonymMixed", synonym);
        }

        if (key == canonical)
        {
            return FaqText.Get(culture, "SynonymSame", synonym, word);
        }

        var existing = await store.SynonymsAsync(call.Community, ct);
        if (existing.Count >= MaxSynonyms && !existing.Any(s => FaqTokenizer.Fold(s.Word) == key))
        {
            return FaqText.Get(culture, "SynonymTooMany", MaxSynonyms);
        }

        await store.SetSynonymAsync(call.Community, key, new FaqSynonym(synonym.Trim(), word.Trim()), call.Caller.User, call.Context.Now, ct);
        return FaqText.Get(culture, "SynonymAdded", synonym, word);
    }

    private static async Task<string> ListAsync(IFaqStore store, CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var synonyms = await store.SynonymsAsync(call.Community, ct);
        var text = new StringBuilder(FaqText.Get(culture, synonyms.Count == 0 ? "SynonymsEmpty" : "SynonymsHeader", FaqLexicon.Shipped.SynonymCount));
        foreach (var synonym in synonyms)
        {
            text.AppendLine().Append(FaqText.Get(culture, "SynonymLine", synonym.Word, synonym.Canonical));
        }

        return text.ToString();
    }
}
