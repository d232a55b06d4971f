using Bot.IntegrationTests.Support;
using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Moderation;

public sealed class ModerationErasureTests
{
    [Fact]
    public async Task Erasing_a_member_removes_their_infractions_and_appeals()
    {
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        await ConsoleScript.RunAsync(
            """
            :staff owner1 owner
            :staff mod moderator
            mod: /rule add keyword 賭博 delete
            qy7zed: 來玩線上賭 博
            mod: /warn @qy7zed please stop
            dm qy7zed: /appeal 1 it was a joke
            """, connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.Equal(2, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_infractions where user_id = 'qy7zed'"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_appeals where user_id = 'qy7zed'"));

        var lines = await ConsoleScript.RunAsync("owner1: /privacy erase @qy7zed", connectionString);

        Assert.Contains(lines, l => l.Contains("Erased:", StringComparison.Ordinal));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_infractions"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_appeals"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from moderation_rules where created_by = 'qy7zed'"));
    }
}
