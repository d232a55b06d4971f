using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Adapters.Telegram;
using Bot.Domain.Events;
using Bot.IntegrationTests.Support;
using Npgsql;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>The whole bot in webhook mode: Telegram's deliveries posted to <c>/telegram/webhook</c> in Bot.Host.</summary>
public sealed class TelegramWebhookTests : IAsyncLifetime
{
    private const string Secret = "hook-Secret_123";
    private static readonly JsonObject Bob = User(8, "Bob");
    private readonly HttpClient _http = new();
    private FakeBotApi _api = null!;
    private string _db = null!;
    private TelegramBotRun _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _db = await PostgresFixture.CreateDatabaseAsync();
        _bot = await TelegramBotRun.StartAsync(_api, _db, settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Start_up_sets_the_webhook_with_its_secret_and_does_not_poll()
    {
        var call = Assert.Single(_api.CallsTo("setWebhook"));

        Assert.Equal("https://bot.example.org/telegram/webhook", call.Text("url"));
        Assert.Equal(Secret, call.Text("secret_token"));
        Assert.Contains("\"chat_member\"", call.Text("allowed_updates"), StringComparison.Ordinal);
        Assert.Empty(_api.CallsTo("getUpdates"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("hook-Secret_124")]
    [InlineData("")]
    public async Task A_wrong_or_missing_secret_is_401_and_nothing_is_processed(string? secret)
    {
        var response = await PostAsync(MessageUpdate(1, Message(5, Group, Bob, TelegramBotRun.SpamWord)).ToJsonString(), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Only Telegram's events count: the bot's own timers (the stats tick it fires at start) may run meanwhile.
        Assert.DoesNotContain(_bot.Seen.All, e => e.EventId.StartsWith("tg:", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync("select count(*) from processed_events where event_id like 'tg:%'"));
        Assert.Empty(_api.CallsTo("deleteMessage"));
    }

    [Fact]
    public async Task A_delivery_with_the_secret_is_processed_before_the_answer_and_a_redelivery_is_dropped()
    {
        var update = MessageUpdate(2, Message(6, Group, Bob, TelegramBotRun.SpamWord)).ToJsonString();

        var first = await PostAsync(update, Secret);
        var again = await PostAsync(update, Secret);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(6, Assert.Single(_api.CallsTo("deleteMessage")).Number("message_id"));
        Assert.Single(_bot.Seen.All.OfType<MessagePosted>());
        Assert.DoesNotContain(Secret, _bot.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeBotApi.Token.Split(':')[1], _bot.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_body_is_logged_and_skipped()
    {
        var broken = await PostAsync("{\"update_id\": 3, \"message\": ", Secret);
        var wrongShape = await PostAsync("{\"update_id\": 4, \"message\": {\"message_id\": \"x\"}}", Secret);
        var fine = await PostAsync(MessageUpdate(5, Message(7, Group, Bob, "hello")).ToJsonString(), Secret);

        Assert.Equal(HttpStatusCode.OK, broken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrongShape.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(2, _bot.Logs.Lines.Count(l => l.Contains("Telegram webhook body skipped", StringComparison.Ordinal)));
        Assert.Equal(["tg:5"], _bot.Seen.All.Select(e => e.EventId).Where(id => id.StartsWith("tg:", StringComparison.Ordinal)));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _bot.BaseUrl + TelegramWebhook.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add(TelegramWebhook.SecretHeader, secret);
        }

        return await _http.SendAsync(request);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
