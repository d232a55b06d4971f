using Bot.IntegrationTests.Support;

namespace Bot.Adapters.Tests.Telegram;

/// <summary>
/// What a test of the whole polling bot starts from: the fake Bot API, where the test group (and any
/// <see cref="Groups"/> a test adds) has Alice (7) as creator and the bot (42) as an administrator, and a fresh database.
/// </summary>
public abstract class TelegramBotTests : IAsyncLifetime
{
    protected FakeBotApi Api { get; private set; } = null!;

    protected string Db { get; private set; } = null!;

    /// <summary>The groups the bot administers.</summary>
    protected virtual IEnumerable<long> Groups => [TelegramJson.Group];

    public async Task InitializeAsync()
    {
        Api = await FakeBotApi.StartAsync();
        foreach (var group in Groups)
        {
            Api.SetAdmins(group, (7, "creator"), (42, "administrator"));
        }

        Db = await PostgresFixture.CreateDatabaseAsync();
    }

    public virtual async Task DisposeAsync() => await Api.DisposeAsync();

    protected Task<long> ScalarAsync(string sql) => ScalarAsync<long>(sql);

    protected Task<T> ScalarAsync<T>(string sql) => Sql.ScalarAsync<T>(Db, sql);
}
