using Bot.Adapters.Postgres;
using Bot.Adapters.Postgres.Privacy;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Privacy;

/// <summary>Erasure at the store: the bot's own queue of actions, and text that carries a name rather than an id.</summary>
public sealed class ErasureStoreTests
{
    private static readonly CommunityRef Community = new(Platform.Discord, "10");

    [Fact]
    public async Task Erasure_reaches_pending_and_relayed_actions_naming_the_member_but_keeps_a_sanction_still_owed()
    {
        var data = NpgsqlDataSource.Create(await PostgresFixture.CreateDatabaseAsync());
        await using (var connection = await data.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                insert into members (community, user_id, display_name, username, first_seen, last_seen) values ('discord:10', '777001', 'Zed Quux', 'zedq', now(), now());
                insert into outbox (event_id, platform, action, done_at) values
                  ('e1', 'Discord', '{"$action":"DirectMessage","community":{"platform":2,"id":"10"},"user":{"platform":2,"id":"777001"},"text":"your ticket"}', null),
                  ('e2', 'Discord', '{"$action":"PostToStaff","community":{"platform":2,"id":"10"},"text":"💬 Zed Quux: my card was charged twice"}', null),
                  ('e3', 'Discord', '{"$action":"PostToStaff","community":{"platform":2,"id":"10"},"text":"💬 Zed Quux: hello"}', now()),
                  ('e4', 'Discord', '{"$action":"BanMember","community":{"platform":2,"id":"10"},"user":{"platform":2,"id":"777001"},"reason":"scam"}', null),
                  ('e5', 'Discord', '{"$action":"PostToStaff","community":{"platform":2,"id":"10"},"text":"someone else entirely"}', null);
                """);
        }

        await using (var db = new DbSession(data))
        {
            await new PostgresPersonalDataStore(db).EraseAsync(Community, new UserRef(Platform.Discord, "777001"), "erased-abc", TimeSpan.FromDays(7), default);
            await db.CommitAsync(default);
        }

        await using var check = await data.OpenConnectionAsync();
        Assert.Equal(["e4", "e5"], (await check.QueryAsync<string>("select event_id from outbox order by event_id")).ToList());
    }
}
