using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Adapters.Postgres;

/// <summary>
/// Applies the embedded, numbered SQL migrations (<c>Migrations/NNNN_name.sql</c>) not yet applied, each in
/// its own transaction, under an advisory lock so that several processes starting together apply them once.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    private const long LockKey = 0x436f6d6d426f74; // "CommBot"

    public static IReadOnlyList<(int Number, string Name, string Sql)> Embedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var pattern = MigrationName();
        return [.. assembly.GetManifestResourceNames()
            .Select(resource => (resource, match: pattern.Match(resource)))
            .Where(x => x.match.Success)
            .Select(x => (int.Parse(x.match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), x.match.Groups[0].Value, Read(assembly, x.resource)))
            .OrderBy(x => x.Item1)];
    }

    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "create table if not exists schema_migrations (number int primary key, name text not null, applied_at timestamptz not null default now())",
                cancellationToken: ct));
            var applied = (await connection.QueryAsync<int>(new CommandDefinition("select number from schema_migrations", cancellationToken: ct))).ToHashSet();
            var count = 0;
            foreach (var (number, name, sql) in Embedded().Where(m => !applied.Contains(m.Number)))
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "insert into schema_migrations (number, name) values (@number, @name)", new { number, name }, transaction, cancellationToken: ct));
                await transaction.CommitAsync(ct);
                LogApplied(number, name);
                count++;
            }

            return count;
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"(\d{4})_[A-Za-z0-9_]+\.sql$")]
    private static partial Regex MigrationName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Number} {Name}")]
    private partial void LogApplied(int number, string name);
}
