namespace Bot.Domain.Faq;

/// <summary>
/// An entry as staff type it: <c>question | another phrasing => answer #tag #tag</c>. Trailing <c>#words</c>
/// are tags. In an edit, an empty side keeps what the entry had (<c>=> new answer</c> changes only the answer).
/// </summary>
public static class FaqEntryParser
{
    public const int MaxQuestions = 20;
    public const int MaxQuestionLength = 200;
    public const int MaxAnswerLength = 2000;
    public const string Arrow = "=>";

    public static (FaqDraft? Draft, FaqError? Error) Parse(string text, FaqEntry? editing = null)
    {
        var arrow = text.IndexOf(Arrow, StringComparison.Ordinal);
        if (arrow < 0)
        {
            return (null, new FaqError("EntryNoArrow"));
        }

        var questions = text[..arrow].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (answer, tags) = SplitTags(text[(arrow + Arrow.Length)..].Trim());
        var draft = new FaqDraft(
            questions.Length == 0 && editing is not null ? editing.Questions : questions,
            answer.Length == 0 && editing is not null ? editing.Answer : answer,
            tags.Count == 0 && editing is not null ? editing.Tags : tags);
        var error = Validate(draft);
        return error is null ? (draft, null) : (null, error);
    }

    /// <summary>The same checks for typed, imported and edited entries.</summary>
    public static FaqError? Validate(FaqDraft draft)
    {
        if (draft.Questions.Count == 0)
        {
            return new FaqError("EntryNoQuestion");
        }

        if (draft.Questions.Count > MaxQuestions)
        {
            return new FaqError("EntryTooManyQuestions", MaxQuestions);
        }

        foreach (var question in draft.Questions)
        {
            if (question.Length > MaxQuestionLength)
            {
                return new FaqError("EntryQuestionTooLong", question[..20], MaxQuestionLength);
            }

            if (FaqTokenizer.Terms(question).Count == 0)
            {
                return new FaqError("EntryQuestionEmpty", question);
            }
        }

        if (string.IsNullOrWhiteSpace(draft.Answer))
        {
            return new FaqError("EntryNoAnswer");
        }

        return draft.Answer.Length > MaxAnswerLength ? new FaqError("EntryAnswerTooLong", MaxAnswerLength) : null;
    }

    private static (string Answer, IReadOnlyList<string> Tags) SplitTags(string text)
    {
        var tags = new List<string>();
        var answer = text.TrimEnd();
        while (answer.Length > 0)
        {
            var space = answer.LastIndexOfAny([' ', '\n']);
            var word = answer[(space + 1)..];
            if (word.Length < 2 || word[0] != '#')
            {
                break;
            }

            tags.Insert(0, word[1..].ToLowerInvariant());
            answer = space < 0 ? string.Empty : answer[..space].TrimEnd();
        }

        return (answer, [.. tags.Distinct()]);
    }
}
