using Bot.Domain.Faq;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Tickets;
using Bot.Domain.Tests.Tiering;

namespace Bot.Domain.Tests.Faq;

/// <summary><c>/faq synonym</c> and <c>/faq learn</c> through the real router: a malformed form answers how to use it and changes nothing.</summary>
public sealed class FaqCommandInputTests
{
    private static readonly StaffRole[] Support = [StaffRole.Support];
    private static readonly DateTimeOffset Now = TestContext.Start;
    private readonly FakeFaqStore _store = new();
    private readonly CommandHarness _commands;

    public FaqCommandInputTests()
    {
        _store.Entries[1] = new FaqEntry(1, ["how do I reset my password"], "Settings → Account.", []);
        _store.Synonyms["pw"] = new FaqSynonym("pw", "password");
        var indexes = new FaqIndexCache();
        var learning = new FaqLearning(_store, indexes, new FakeTicketStore(), new PermissionTable());
        _commands = new CommandHarness(new FaqCommands(_store, indexes, new NoYaml(), new FaqOptions(), learning), new FakeMemberStore());
    }

    [Theory]
    [InlineData("/faq synonym", "Usage: /faq synonym <add|remove|list> [word] [synonym]")]
    [InlineData("/faq synonym rename pw pass", "Usage: /faq synonym <add|remove|list> [word] [synonym]")]
    [InlineData("/faq synonym add", "Use /faq synonym add <word> <synonym>")]
    [InlineData("/faq synonym add password", "Use /faq synonym add <word> <synonym>")]
    [InlineData("/faq synonym remove", "Use /faq synonym add <word> <synonym>")]
    [InlineData("/faq synonym list pw", "Use /faq synonym add <word> <synonym>")]
    [InlineData("/faq synonym add password 密碼 pass", "mixes Chinese and English")]
    [InlineData("/faq learn", "Usage: /faq learn <id> [question]")]
    [InlineData("/faq learn one how to log in", "Usage: /faq learn <id> [question]")]
    [InlineData("/faq learn 0 how to log in", "Usage: /faq learn <id> [question]")]
    [InlineData("/faq learn 1", "Give the question to attach: /faq learn <id> <question>")]
    [InlineData("/faq learn 7 how to log in", "#7")]
    public async Task A_malformed_synonym_or_learn_answers_how_to_use_it_and_changes_nothing(string line, string answer)
    {
        var text = await _commands.TextAsync(line, "sue", Now, Support);

        Assert.Contains(answer, text, StringComparison.Ordinal);
        Assert.Equal(["pw"], _store.Synonyms.Keys);
        Assert.Equal(["how do I reset my password"], _store.Entries[1].Questions);
        Assert.Single(_store.Entries);
    }

    [Fact]
    public async Task A_synonym_of_several_words_is_removed_whole()
    {
        Assert.Contains("now read as", await _commands.TextAsync("/faq synonym add password pass word", "sue", Now, Support), StringComparison.Ordinal);
        Assert.Contains("pass word", _store.Synonyms.Keys);

        var text = await _commands.TextAsync("/faq synonym remove pass word", "sue", Now, Support);

        Assert.Contains("The synonym \"pass word\" was removed", text, StringComparison.Ordinal);
        Assert.Equal(["pw"], _store.Synonyms.Keys);
    }

    private sealed class NoYaml : IFaqYamlReader
    {
        public FaqImportResult Read(string yaml) => throw new InvalidOperationException("CSV expected");
    }
}
