using Bot.Adapters.Postgres;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Npgsql;

namespace Bot.IntegrationTests.Support;

/// <summary>
/// What a test of Postgres stores starts from: a fresh migrated database, two Telegram communities, and a session that
/// commits what the work did.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    protected static readonly CommunityRef Community = new(Platform.Telegram, "-100");
    protected static readonly CommunityRef Other = new(Platform.Telegram, "-200");
    protected static readonly CancellationToken Ct = CancellationToken.None;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync() => DataSource = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    protected static UserRef User(string id) => new(Platform.Telegram, id);

    protected async Task<T> InSessionAsync<T>(Func<DbSession, Task<T>> work)
    {
        await using var db = new DbSession(DataSource);
        var result = await work(db);
        await db.CommitAsync(Ct);
        return result;
    }
}
