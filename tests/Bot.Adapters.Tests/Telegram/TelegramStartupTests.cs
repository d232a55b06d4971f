using Bot.IntegrationTests.Support;
using Microsoft.Extensions.Options;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>What stops the whole bot at start, and what it explains while running.</summary>
public sealed class TelegramStartupTests : IAsyncLifetime
{
    private FakeBotApi _api = null!;
    private string _db = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _db = await PostgresFixture.CreateDatabaseAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Webhook_mode_without_a_secret_stops_start_up_naming_the_key()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TelegramBotRun.StartAsync(_api, _db, settings: new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/webhook",
        }));

        Assert.Contains("Telegram:WebhookSecret is required in webhook mode", error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.CallsTo("setWebhook"));
    }

    [Fact]
    public async Task A_token_Telegram_rejects_stops_the_whole_bot_without_showing_the_token()
    {
        const string secretPart = "Rejected-token_value";
        var logs = new CapturedLogs();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TelegramBotRun.StartAsync(
            _api, _db, logs, new Dictionary<string, string?> { ["Telegram:BotToken"] = "111:" + secretPart }));

        Assert.StartsWith("Telegram rejected Telegram:BotToken (getMe answered 401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secretPart, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secretPart, logs.All, StringComparison.Ordinal);
        Assert.Empty(_api.CallsTo("getUpdates"));
    }

    [Fact]
    public async Task A_409_from_a_webhook_still_set_is_explained()
    {
        _api.FailNext("getUpdates", 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        await using var bot = await TelegramBotRun.StartAsync(_api, _db);

        var line = await bot.Logs.WaitForAsync(l => l.Contains("because a webhook is set", StringComparison.Ordinal));
        await bot.StopAsync();

        Assert.StartsWith("Error", line, StringComparison.Ordinal);
        Assert.Contains("deleteWebhook", line, StringComparison.Ordinal);
    }
}
