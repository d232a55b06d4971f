using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Support;

/// <summary>One value read from a test database, for assertions on what the bot stored.</summary>
public static class Sql
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }
}
