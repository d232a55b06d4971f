using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Faq;

/// <summary><c>/faq add|edit|remove|list|import|gaps|learn|synonym|channel|test</c>: staff keep the FAQ.</summary>
public sealed class FaqCommands(IFaqStore store, FaqIndexCache indexes, IFaqYamlReader yaml, FaqOptions options, FaqLearning learning) : ICommandHandler
{
    private const int ListShown = 40;

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("faq", "FaqDescription", Permission.ManageFaq, FaqText.Texts, Subcommands:
        [
            new("add", "FaqAddDescription", Permission.ManageFaq, FaqText.Texts, [new("entry", OptionKind.Text, "OptionEntry")]),
            new("edit", "FaqEditDescription", Permission.ManageFaq, FaqText.Texts,
            [
                new("id", OptionKind.Integer, "OptionId", Min: 1),
                new("entry", OptionKind.Text, "OptionEntry"),
            ]),
            new("remove", "FaqRemoveDescription", Permission.ManageFaq, FaqText.Texts, [new("id", OptionKind.Integer, "OptionId", Min: 1)]),
            new("list", "FaqListDescription", Permission.ManageFaq, FaqText.Texts),
            new("import", "FaqImportDescription", Permission.ManageFaq, FaqText.Texts,
            [
                new("file", OptionKind.File, "OptionFile", Required: false, FileTypes: ["csv", "yaml", "yml"], MaxBytes: FaqImport.MaxBytes),
                new("content", OptionKind.Text, "OptionContent", Required: false),
            ]),
            new("gaps", "FaqGapsDescription", Permission.ManageFaq, FaqText.Texts),
            new("learn", "FaqLearnDescription", Permission.ManageFaq, FaqText.Texts,
            [
                new("id", OptionKind.Integer, "OptionId", Min: 1),
                new("question", OptionKind.Text, "OptionLearnQuestion", Required: false),
            ]),
            new("synonym", "FaqSynonymDescription", Permission.ManageFaq, FaqText.Texts,
            [
                new("action", OptionKind.Choice, "OptionSynonymAction", Choices: ["add", "remove", "list"]),
                new("word", OptionKind.Text, "OptionSynonymWord", Required: false),
                new("synonym", OptionKind.Text, "OptionSynonym", Required: false),
            ]),
            new("channel", "FaqChannelDescription", Permission.ManageFaq, FaqText.Texts,
            [
                new("state", OptionKind.Choice, "OptionState", Choices: ["on", "off"]),
                new("channel", OptionKind.Channel, "OptionChannel", Required: false),
            ]),
            new("test", "FaqTestDescription", Permission.ManageFaq, FaqText.Texts, [new("question", OptionKind.Text, "OptionQuestion")]),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        if (call.Path == "faq gaps")
        {
            return await GapsAsync(call, culture, ct);
        }

        var text = call.Path switch
        {
            "faq add" => await AddAsync(call, culture, ct),
            "faq edit" => await EditAsync(call, culture, ct),
            "faq remove" => await store.RemoveAsync(call.Community, call.Options.Integer("id"), ct)
                ? FaqText.Get(culture, "Removed", call.Options.Integer("id"))
                : FaqText.Get(culture, "NoSuchEntry", call.Options.Integer("id")),
            "faq list" => await ListAsync(call, culture, ct),
            "faq import" => await ImportAsync(call, culture, ct),
            "faq learn" => await LearnAsync(call, culture, ct),
            "faq synonym" => await FaqSynonymCommand.RunAsync(store, call, culture, ct),
            "faq channel" => await ChannelAsync(call, culture, ct),
            _ => await TestAsync(call, culture, ct),
        };
        return [call.Reply(text, ephemeral: call.Path is "faq list" or "faq test")];
    }

    private async Task<string> AddAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var (draft, error) = FaqEntryParser.Parse(call.Options.Text("entry"));
        if (error is not null)
        {
            return FaqText.Get(culture, error) + "\n" + FaqText.Get(culture, "EntryFormat");
        }

        var id = await store.AddAsync(call.Community, draft!, call.Caller.User, call.Context.Now, ct);
        return FaqText.Get(culture, "Added", id, draft!.Questions.Count);
    }

    private async Task<string> EditAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var id = call.Options.Integer("id");
        if (await store.GetAsync(call.Community, id, ct) is not { } entry)
        {
            return FaqText.Get(culture, "NoSuchEntry", id);
        }

        var (draft, error) = FaqEntryParser.Parse(call.Options.Text("entry"), entry);
        if (error is not null)
        {
            return FaqText.Get(culture, error) + "\n" + FaqText.Get(culture, "EntryFormat");
        }

        await store.UpdateAsync(call.Community, id, draft!, call.Context.Now, ct);
        return FaqText.Get(culture, "Edited", id);
    }

    private async Task<string> ListAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var entries = await store.ListAsync(call.Community, ct);
        if (entries.Count == 0)
        {
            return FaqText.Get(culture, "ListEmpty");
        }

        var text = new StringBuilder(FaqText.Get(culture, "ListHeader", entries.Count)).AppendLine();
        foreach (var entry in entries.Take(ListShown))
        {
            var tags = entry.Tags.Count == 0 ? string.Empty : " " + string.Join(' ', entry.Tags.Select(t => "#" + t));
            text.AppendLine(FaqText.Get(culture, "ListLine", entry.Id, entry.Questions[0], entry.Questions.Count, entry.Helpful, entry.Unhelpful, tags));
        }

        if (entries.Count > ListShown)
        {
            text.AppendLine(FaqText.Get(culture, "ListMore", entries.Count - ListShown));
        }

        return text.ToString().TrimEnd();
    }

    private async Task<string> ImportAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        // The router has checked the file's type and size against the option.
        var file = call.Options.OptionalFile("file");
        var pasted = call.Options.OptionalText("content");
        if (file is null && pasted is null)
        {
            return FaqText.Get(culture, "ImportNothing");
        }

        var content = file is not null ? Encoding.UTF8.GetString(file.Content) : pasted!;
        var result = FaqImport.Read(file?.FileName, content, yaml);
        if (result.Error is { } error)
        {
            var reason = FaqText.Get(culture, error);
            return result.Row is { } row ? FaqText.Get(culture, "ImportRow", row, reason) : reason;
        }

        // An imported entry that shares a phrasing with an existing one replaces it, so importing twice changes nothing.
        var byPhrasing = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var entry in await store.ListAsync(call.Community, ct))
        {
            foreach (var question in entry.Questions)
            {
                byPhrasing.TryAdd(FaqText.Key(question), entry.Id);
            }
        }

        var (added, updated) = (0, 0);
        foreach (var draft in result.Drafts)
        {
            var existing = draft.Questions.Select(q => byPhrasing.GetValueOrDefault(FaqText.Key(q))).FirstOrDefault(id => id != 0);
            if (existing != 0)
            {
                await store.UpdateAsync(call.Community, existing, draft, call.Context.Now, ct);
                updated++;
                continue;
            }

            var id = await store.AddAsync(call.Community, draft, call.Caller.User, call.Context.Now, ct);
            foreach (var question in draft.Questions)
            {
                byPhrasing.TryAdd(FaqText.Key(question), id);
            }

            added++;
        }

        return FaqText.Get(culture, "Imported", added, updated);
    }

    // The most asked unanswered questions, with buttons attaching the top ones to the entry each comes closest to.
    private async Task<IReadOnlyList<BotAction>> GapsAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var gaps = await store.TopGapsAsync(call.Community, options.GapsShown, since: null, ct);
        if (gaps.Count == 0)
        {
            return [call.Reply(FaqText.Get(culture, "GapsEmpty"), ephemeral: true)];
        }

        var text = new StringBuilder(FaqText.Get(culture, "GapsHeader")).AppendLine();
        foreach (var gap in gaps)
        {
            text.AppendLine(FaqText.Get(culture, "GapLine", gap.Count, gap.Sample, gap.Id));
        }

        var buttons = await learning.GapButtonsAsync(call.Community, gaps, culture, ct);
        return [call.Reply(text.ToString().TrimEnd(), ephemeral: true, buttons: buttons.Count == 0 ? null : buttons)];
    }

    // `/faq learn <id> [question]`: the typed question, or in a ticket's thread the question the member asked there.
    private async Task<string> LearnAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var question = call.Options.OptionalText("question")
            ?? await learning.TicketQuestionAsync(call.Community, call.Invocation.ThreadId, ct);
        return question is null
            ? FaqText.Get(culture, "LearnNoQuestion")
            : await learning.AttachAsync(call.Community, call.Options.Integer("id"), question, call.Context.Now, culture, ct);
    }

    private async Task<string> ChannelAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var channel = call.Options.OptionalChannel("channel") ?? call.Invocation.ChannelId;
        var on = call.Options.Choice("state") == "on";
        await store.SetChannelEnabledAsync(call.Community, channel, on, ct);
        return FaqText.Get(culture, on ? "ChannelOn" : "ChannelOff", channel);
    }

    private async Task<string> TestAsync(CommandCall call, CultureInfo culture, CancellationToken ct)
    {
        var question = call.Options.Text("question");
        var index = await indexes.GetAsync(call.Community, store, ct);
        var match = index.Match(question, options);
        if (match.Best is not { } best)
        {
            return FaqText.Get(culture, "TestNothing");
        }

        var verdict = match.Confident ? FaqText.Get(culture, "TestWouldAnswer")
            : match.Unsure ? FaqText.Get(culture, "TestWouldSuggest", string.Join(", ", match.Suggestions.Select(c => "#" + c.EntryId)))
            : FaqText.Get(culture, "TestWouldNotAnswer");
        return FaqText.Get(culture, "TestResult", best.EntryId, best.Phrasing, best.Confidence, match.Second?.Confidence ?? 0, options.Threshold, verdict)
            + "\n" + FaqText.Get(culture, "TestCoverage", best.PhrasingCovered, best.QuestionCovered, options.Margin);
    }
}
