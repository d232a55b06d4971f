using Dapper;
using Npgsql;

namespace Bot.IntegrationTests.Privacy;

/// <summary>Every text-like or binary column of every table, the scheduler's included: where a member's id or name could be.</summary>
public static class ErasureScan
{
    public static async Task<List<string>> PlacesHoldingAsync(string connectionString, string needle)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var columns = await connection.QueryAsync<(string Table, string Column, string Type)>(
            """
            select table_name, column_name, data_type from information_schema.columns
            where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'ARRAY', 'bytea')
              and table_name <> 'schema_migrations'
            """);
        var found = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            // Quartz keeps job data as bytes (JSON): searched as text too.
            var value = type == "bytea" ? $"encode({column}, 'escape')" : $"{column}::text";
            var count = await connection.ExecuteScalarAsync<long>($"select count(*) from {table} where {value} like @p", new { p = $"%{needle}%" });
            if (count > 0)
            {
                found.Add($"{table}.{column} ({count})");
            }
        }

        return found;
    }
}
