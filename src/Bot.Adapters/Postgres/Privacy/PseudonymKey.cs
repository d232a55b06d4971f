using System.Security.Cryptography;
using Bot.Domain.Privacy;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres.Privacy;

/// <summary>
/// The pseudonym key: <c>Privacy:PseudonymKey</c> when configured (keeps it outside the database), otherwise generated
/// once and kept in <c>privacy_keys</c>, so every process of a cluster uses the same one. Never logged.
/// </summary>
public static class PseudonymKey
{
    public static byte[] Load(NpgsqlDataSource dataSource, PrivacyOptions options)
    {
        if (options.PseudonymKeyBytes() is { } configured)
        {
            return configured;
        }

        using var connection = dataSource.OpenConnection();
        connection.Execute(
            "insert into privacy_keys (name, value) values ('pseudonym', @fresh) on conflict (name) do nothing",
            new { fresh = RandomNumberGenerator.GetBytes(32) });
        return connection.ExecuteScalar<byte[]>("select value from privacy_keys where name = 'pseudonym'")!;
    }
}
