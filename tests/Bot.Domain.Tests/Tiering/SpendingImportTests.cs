using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Tiering;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Domain.Tests.Tiering;

/// <summary><c>/tier import</c>: the shop's CSV through the real router, over in-memory stores.</summary>
public sealed class SpendingImportTests
{
    private const string Export = """
        Order ID,Customer,Total,Currency,Paid at
        A-1001,bob,100,TWD,2025-03-01 10:00
        A-1002,carol@example.com,"1,000",TWD,2025-03-01T10:00:00Z
        A-1003,nobody@example.com,80,TWD,2025-03-01
        A-1004,zed,20,TWD,2025-03-01
        """;

    private static readonly StaffRole[] Manager = [StaffRole.Manager];
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeTieringStore _store = new();
    private readonly FakeMemberStore _members = new();
    private readonly FakeSpendingStore _spending = new();
    private readonly TieringOptions _options = new();
    private readonly CommandHarness _commands;

    public SpendingImportTests()
    {
        foreach (var name in new[] { "bob", "carol" })
        {
            _members.Add(World.Community, World.User(name), _time.GetUtcNow());
        }

        _spending.Links["carol@example.com"] = World.User("carol");
        _commands = new CommandHarness(TierCommandsFor.Build(_store, _members, _options, _spending), _members);
    }

    [Fact]
    public async Task An_export_is_matched_by_id_or_linked_email_reports_what_it_could_not_match_and_twice_changes_nothing()
    {
        var first = await ReportAsync(Export);

        Assert.Contains("Imported 2 purchases of 2 members (1100 TWD); 0 were imported before", first, StringComparison.Ordinal);
        Assert.Contains("2 not matched", first, StringComparison.Ordinal);
        Assert.Contains("line 4: no member is linked to \"nobody@example.com\"; link it with /tier link", first, StringComparison.Ordinal);
        Assert.Contains("line 5: no member \"zed\" is known here.", first, StringComparison.Ordinal);
        Assert.Equal(10, _store.Standings[World.User("bob")].Spending, 6);
        Assert.Equal(100, _store.Standings[World.User("carol")].Spending, 6);
        Assert.Equal(2, _spending.Records.Count);
        Assert.Equal("carol@example.com", _spending.Records.Single(r => r.User == World.User("carol")).CustomerKey);

        var standings = _store.Standings.ToDictionary();
        var second = await ReportAsync(Export);

        Assert.Contains("Imported 0 purchases of 0 members (0); 2 were imported before and skipped", second, StringComparison.Ordinal);
        Assert.Equal(standings, _store.Standings);
        Assert.Equal(2, _store.Ledger.Count);
        Assert.Equal(2, _spending.Records.Count);
    }

    [Fact]
    public async Task Without_an_order_column_a_row_is_known_by_its_values()
    {
        const string csv = "member,amount,date\nbob,100,2025-02-28\nbob,100,2025-03-01\n";
        Assert.Contains("Imported 2 purchases", await ReportAsync(csv), StringComparison.Ordinal);
        Assert.Contains("Imported 0 purchases of 0 members (0); 2 were imported before", await ReportAsync(csv), StringComparison.Ordinal);
        Assert.Equal(2, _store.Ledger.Count);
    }

    [Fact]
    public async Task A_bad_row_refuses_the_whole_file_with_its_line_number()
    {
        var refused = await ReportAsync("Order ID,Member,Total\nA1,bob,100\nA2,carol,12abc\n");

        Assert.Equal("Nothing was imported: line 3: the amount \"12abc\" is not a positive number.", refused);
        Assert.Empty(_store.Standings);
        Assert.Empty(_store.Ledger);
        Assert.Null(_spending.Columns);

        Assert.Contains("line 2: \"31/02/2025\" is not a date", await ReportAsync("member,amount,date\nbob,5,31/02/2025\n"), StringComparison.Ordinal);
        Assert.Contains("line 3: the order id \"A1\" appears twice", await ReportAsync("order,member,amount\nA1,bob,5\nA1,carol,6\n"), StringComparison.Ordinal);
        Assert.Contains("line 2 has 2 columns; the header has 3", await ReportAsync("order,member,amount\nA1,bob\n"), StringComparison.Ordinal);
        Assert.Empty(_store.Ledger);
    }

    [Fact]
    public async Task The_column_mapping_typed_once_is_saved_and_used_for_the_next_export()
    {
        const string csv = "Buyer,Paid,Ref\nbob,100,X1\n";
        var unknown = await ReportAsync(csv);
        Assert.Contains("no member and amount columns among the headers (Buyer, Paid, Ref)", unknown, StringComparison.Ordinal);

        var first = await ReportAsync(csv, "member=Buyer; amount=Paid; order=Ref");
        Assert.Contains("Imported 1 purchases", first, StringComparison.Ordinal);
        Assert.Contains("Columns saved for the next import: member=Buyer; amount=Paid; order=Ref", first, StringComparison.Ordinal);

        var next = await ReportAsync("Buyer,Paid,Ref\ncarol,50,X2\n");
        Assert.Contains("Imported 1 purchases", next, StringComparison.Ordinal);
        Assert.DoesNotContain("Columns saved", next, StringComparison.Ordinal);

        Assert.Contains("\"member Buyer\" is not a column mapping", await ReportAsync(csv, "member Buyer"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_crossing_a_threshold_is_promoted_at_once_and_announced_once()
    {
        _store.Standings[World.User("bob")] = new TierStanding(World.Community, World.User("bob"), 45, 0, 0, _time.GetUtcNow(), Tier.Regular);
        _store.Community = new TierCommunity(World.Community, _options.DefaultThresholds, "announcements", RecomputeScheduled: true);

        var actions = await ImportAsync("order,member,amount\nB1,bob,100\n");

        Assert.Contains(actions, a => a is GrantRole { Role: "Active member" } g && g.User == World.User("bob"));
        Assert.Single(actions.OfType<SendMessage>(), m => m.ChannelId == "announcements" && m.Text.Contains("bob", StringComparison.Ordinal));
        Assert.Equal(Tier.Active, _store.Standings[World.User("bob")].Tier);

        var again = await ImportAsync("order,member,amount\nB1,bob,100\nB2,bob,10\n");
        Assert.DoesNotContain(again, a => a is GrantRole or SendMessage or DirectMessage);

        _time.Advance(TimeSpan.FromHours(1));
        var recomputed = await _store.RecomputeAsync(World.Community, _options.PolicyFor(_options.DefaultThresholds), _time.GetUtcNow(), default);
        Assert.Empty(recomputed.Changes);
    }

    [Fact]
    public async Task Other_currencies_are_reported_and_old_purchases_count_decayed()
    {
        _options.SpendingCurrency = "TWD";
        var report = await ReportAsync("order,member,amount,currency,date\nC1,bob,100,USD,2025-03-01\nC2,carol,100,TWD,2025-01-30 10:00\n");

        Assert.Contains("line 2: the currency USD is not counted (spending is counted in TWD).", report, StringComparison.Ordinal);
        Assert.False(_store.Standings.ContainsKey(World.User("bob")));
        // 30 days old (the half-life): half the points.
        Assert.Equal(5, _store.Standings[World.User("carol")].Spending, 3);
    }

    [Fact]
    public async Task The_file_is_required_of_the_declared_type_and_size_and_downloaded()
    {
        var missing = await _commands.TextAsync("/tier import", "boss", _time.GetUtcNow(), Manager);
        Assert.Contains("Attach the file <file>", missing, StringComparison.Ordinal);
        Assert.Contains("Usage: /tier import <file .csv/.txt> [columns]", missing, StringComparison.Ordinal);

        var wrongType = await _commands.TextAsync("/tier import", "boss", _time.GetUtcNow(), Manager, [File("spend.xlsx", "x")]);
        Assert.Contains("<file> must be a file of type .csv, .txt, not \"spend.xlsx\"", wrongType, StringComparison.Ordinal);

        // Declared too large: the adapter did not download it, and the answer says why.
        var tooLarge = await _commands.TextAsync(
            "/tier import", "boss", _time.GetUtcNow(), Manager, [new Attachment("big.csv", "text/csv", [], 50 * 1024 * 1024)]);
        Assert.Contains("\"big.csv\" is 51,200 KB; the limit is 2,048 KB", tooLarge, StringComparison.Ordinal);

        var failed = await _commands.TextAsync("/tier import", "boss", _time.GetUtcNow(), Manager, [new Attachment("spend.csv", "text/csv", [], 10)]);
        Assert.Contains("\"spend.csv\" could not be downloaded", failed, StringComparison.Ordinal);
        Assert.Empty(_store.Ledger);
    }

    [Fact]
    public async Task A_shop_customer_is_linked_to_a_member_then_matched()
    {
        Assert.Contains("Shop customer \"dave@example.com\" is now linked to bob", await _commands.TextAsync(
            "/tier link @bob dave@example.com", "boss", _time.GetUtcNow(), Manager), StringComparison.Ordinal);
        Assert.Contains("Imported 1 purchases of 1 members", await ReportAsync("email,amount\ndave@example.com,30\n"), StringComparison.Ordinal);
        Assert.Equal(3, _store.Standings[World.User("bob")].Spending, 6);
    }

    [Theory]
    [InlineData("/tier link", "Usage: /tier link <user> <customer>")]
    [InlineData("/tier link @bob", "Usage: /tier link <user> <customer>")]
    [InlineData("/tier link @ghost dave@example.com", "Usage: /tier link <user> <customer>")]
    [InlineData("/tier link @bob dave smith@example.com", "A customer is one email address or shop customer id")]
    [InlineData("/tier import member=Customer", "Attach the file <file>")]
    public async Task A_malformed_link_or_import_answers_how_to_use_it_and_changes_nothing(string line, string answer)
    {
        var text = await _commands.TextAsync(line, "boss", _time.GetUtcNow(), Manager);

        Assert.Contains(answer, text, StringComparison.Ordinal);
        Assert.Equal(["carol@example.com"], _spending.Links.Keys);
        Assert.Null(_spending.Columns);
        Assert.Empty(_store.Ledger);
    }

    [Fact]
    public async Task A_malformed_column_mapping_answers_how_to_write_one_and_imports_nothing()
    {
        var text = await ReportAsync(Export, columns: "member:Customer");

        Assert.Contains("is not a column mapping. Write field=Header pairs", text, StringComparison.Ordinal);
        Assert.Null(_spending.Columns);
        Assert.Empty(_store.Ledger);
        Assert.Empty(_spending.Records);
    }

    [Fact]
    public async Task A_quoted_field_may_span_lines_and_an_unclosed_quote_refuses_the_file_naming_its_line()
    {
        var imported = await ReportAsync("Customer,Total,Note\nbob,100,\"gift,\nwrapped\"\ncarol@example.com,50,plain\n", columns: "member=Customer; amount=Total");
        Assert.Contains("Imported 2 purchases of 2 members", imported, StringComparison.Ordinal);

        var refused = await ReportAsync("Customer,Total\nbob,100\ncarol@example.com,\"50\n");
        Assert.Contains("line 3 opens a quote that is never closed", refused, StringComparison.Ordinal);
        Assert.Equal(2, _store.Ledger.Count);
    }

    private static Attachment File(string name, string text) => new(name, "text/csv", Encoding.UTF8.GetBytes(text));

    private Task<IReadOnlyList<BotAction>> ImportAsync(string csv, string? columns = null) => _commands.RunAsync(
        "/tier import" + (columns is null ? string.Empty : " " + columns), "boss", _time.GetUtcNow(), Manager, [File("spend.csv", csv)]);

    private async Task<string> ReportAsync(string csv, string? columns = null) =>
        Assert.IsType<Reply>((await ImportAsync(csv, columns))[0]).Text;
}
