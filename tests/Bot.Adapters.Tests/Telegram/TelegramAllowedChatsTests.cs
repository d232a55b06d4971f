using Bot.Domain.Events;
using Bot.IntegrationTests.Support;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>With <c>Telegram:AllowedChats</c> set, the bot leaves any other group and passes nothing of it on.</summary>
public sealed class TelegramAllowedChatsTests : IAsyncLifetime
{
    private FakeBotApi _api = null!;
    private TelegramBotRun _bot = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeBotApi.StartAsync();
        _bot = await TelegramBotRun.StartAsync(_api, await PostgresFixture.CreateDatabaseAsync(), settings: new Dictionary<string, string?>
        {
            ["Telegram:AllowedChats:0"] = Group.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telegram:AllowedChats:1"] = "-500",
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task A_group_outside_the_list_is_left_once_and_its_messages_ignored()
    {
        _api.Enqueue(
            MessageUpdate(1, Message(1, -777, User(8, "Bob"), "hello from elsewhere")),
            MessageUpdate(2, Message(2, -777, User(8, "Bob"), "again")),
            MessageUpdate(3, Message(3, Group, User(8, "Bob"), "hello home")));

        var home = await _bot.Seen.WaitForAsync<MessagePosted>();
        await _api.WaitUntilConfirmedAsync();

        Assert.Equal("3", home.MessageId);
        Assert.Equal(-777, Assert.Single(_api.CallsTo("leaveChat")).Number("chat_id"));
        Assert.DoesNotContain(_bot.Seen.All, e => e is MessagePosted { ChannelId: "-777" });
        Assert.Contains("not in Telegram:AllowedChats", _bot.Logs.All, StringComparison.Ordinal);
    }
}
