using System.Text;
using System.Text.Json.Nodes;
using Bot.Domain.Events;
using Bot.IntegrationTests.Support;
using Npgsql;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>A spending export sent as a document: the command in its caption or in a reply to it; getFile and the download through the real client.</summary>
public sealed class TelegramFilesTests : IAsyncLifetime
{
    private static readonly JsonObject Alice = User(7, "Alice", "alice");
    private static readonly JsonObject Bob = User(8, "Bob", "bob");
    private static readonly byte[] Export = Encoding.UTF8.GetBytes("Order ID,Member,Total,Currency\nT-1,8,100,TWD\n");
    private FakeBotApi _api = null!;
    private string _db = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _api.SetAdmins(Group, (7, "creator"));
        _db = await PostgresFixture.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_document_with_the_command_as_its_caption_is_downloaded_and_imported_and_a_reply_to_it_changes_nothing_more()
    {
        _api.ServeFile("doc-1", Export);
        await using var bot = await TelegramBotRun.StartAsync(_api, _db);
        _api.Enqueue(MessageUpdate(1000, Message(80, Group, Bob, "hello everyone in the group")));
        await bot.Seen.WaitForAsync<MessagePosted>(m => m.MessageId == "80");

        var document = Document(81, Group, Alice, "doc-1", "spend.csv", Export.Length, "/tier import");
        _api.Enqueue(MessageUpdate(1001, document));
        var report = await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains("Imported", StringComparison.Ordinal));

        _api.Enqueue(MessageUpdate(1002, Message(82, Group, Alice, "/tier import", replyTo: document)));
        var again = await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains("Imported", StringComparison.Ordinal), count: 2);
        await bot.StopAsync();

        Assert.Contains("Imported 1 purchases of 1 members (100 TWD)", report[0].Text("text"), StringComparison.Ordinal);
        Assert.Contains("Imported 0 purchases of 0 members (0); 1 were imported before", again[1].Text("text"), StringComparison.Ordinal);
        Assert.Equal(2, _api.CallsTo("getFile").Count);
        Assert.All(_api.CallsTo("getFile"), c => Assert.Equal("doc-1", c.Text("file_id")));
        Assert.Equal(["documents/file_0.csv", "documents/file_0.csv"], _api.Downloads);
        var command = Assert.Single(bot.Seen.All.OfType<CommandInvoked>(), c => c.MessageId == "81");
        Assert.Equal(Export, Assert.Single(command.Attachments!).Content);
        Assert.Equal(1L, await ScalarAsync("select count(*) from tier_spending where user_id = '8'"));
        // The download URL carries the token; no log line does.
        Assert.DoesNotContain(FakeBotApi.Token[(FakeBotApi.Token.IndexOf(':', StringComparison.Ordinal) + 1)..], bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_over_the_limit_is_not_fetched_and_the_answer_says_why()
    {
        _api.ServeFile("doc-2", Export);
        await using var bot = await TelegramBotRun.StartAsync(_api, _db);
        _api.Enqueue(MessageUpdate(1100, Document(90, Group, Alice, "doc-2", "spend.csv", 30L * 1024 * 1024, "/tier import")));

        var answer = await _api.WaitForAsync("sendMessage", c => c.Text("text")!.Contains("limit", StringComparison.Ordinal));
        await bot.StopAsync();

        Assert.Contains("\"spend.csv\" is 30,720 KB; the limit is 2,048 KB", answer[0].Text("text"), StringComparison.Ordinal);
        Assert.Empty(_api.CallsTo("getFile"));
        Assert.Empty(_api.Downloads);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
