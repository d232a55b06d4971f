using System.Data;
using Bot.Domain.Pipeline;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres;

/// <summary>
/// One connection and transaction per DI scope (one pipeline batch): every store in the scope writes
/// into it, and the pipeline commits it before any action runs. Each feature gets a savepoint the
/// first time it touches the database, so a failing feature is rolled back alone.
/// </summary>
public sealed class DbSession(NpgsqlDataSource dataSource) : IFeatureIsolation, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private string? _feature;
    private bool _featureSaved;
    private readonly List<(string Order, string Sql, object? Param)> _increments = [];
    private int _incrementsBeforeFeature;

    public async Task<int> ExecuteAsync(string sql, object? param, CancellationToken ct)
    {
        var (connection, command) = await CommandAsync(sql, param, ct);
        return await connection.ExecuteAsync(command);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? param, CancellationToken ct)
    {
        var (connection, command) = await CommandAsync(sql, param, ct);
        return [.. await connection.QueryAsync<T>(command)];
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? param, CancellationToken ct)
    {
        var (connection, command) = await CommandAsync(sql, param, ct);
        return await connection.QuerySingleOrDefaultAsync<T>(command);
    }

    public async Task<T> ExecuteScalarAsync<T>(string sql, object? param, CancellationToken ct)
    {
        var (connection, command) = await CommandAsync(sql, param, ct);
        return (await connection.ExecuteScalarAsync<T>(command))!;
    }

    // The feature's savepoint rides in front of its first statement instead of costing a round trip of its own:
    // Npgsql sends both in one batch, and if the statement fails the savepoint is already there to roll back to.
    private async Task<(NpgsqlConnection Connection, CommandDefinition Command)> CommandAsync(string sql, object? param, CancellationToken ct)
    {
        if (_connection is null)
        {
            _connection = await dataSource.OpenConnectionAsync(ct);
            _transaction = await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        }

        if (_feature is not null && !_featureSaved)
        {
            _featureSaved = true;
            sql = $"savepoint {_feature};\n{sql}";
        }

        return (_connection, new CommandDefinition(sql, param, _transaction, cancellationToken: ct));
    }

    public Task EnterAsync(string feature, CancellationToken ct)
    {
        _feature = "f_" + feature.Replace('-', '_');
        _featureSaved = false;
        _incrementsBeforeFeature = _increments.Count;
        return Task.CompletedTask;
    }

    public async Task FailAsync(string feature, CancellationToken ct)
    {
        if (_featureSaved && _transaction is not null)
        {
            await _transaction.RollbackAsync(_feature!, ct);
        }

        _featureSaved = false;
        _increments.RemoveRange(_incrementsBeforeFeature, _increments.Count - _incrementsBeforeFeature);
    }

    public bool IsTransient(Exception exception) => Transient.Is(exception);

    /// <summary>Leaves feature scope: statements after this (dedupe, outbox) run outside any savepoint.</summary>
    public void LeaveFeatures() => (_feature, _featureSaved) = (null, false);

    /// <summary>
    /// An increment of a row that many batches share (a community's spam counts, a FAQ gap's count). Such rows,
    /// taken in event order, deadlock two concurrent batches (measured: one in three batches with two producers,
    /// each costing Postgres's 1 s deadlock timeout). Deferred, they run at the end of the batch sorted by
    /// <paramref name="order"/> (a row's key), so every batch takes them in one order and holds them briefly.
    /// A failing feature's increments are dropped with its savepoint. Nothing in the batch reads them back.
    /// </summary>
    public void DeferIncrement(string order, string sql, object? param) => _increments.Add((order, sql, param));

    // The deferred increments in key order, outside any feature's savepoint, just before the commit.
    private async Task FlushIncrementsAsync(CancellationToken ct)
    {
        foreach (var (_, sql, param) in _increments.OrderBy(c => c.Order, StringComparer.Ordinal))
        {
            await ExecuteAsync(sql, param, ct);
        }

        _increments.Clear();
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        LeaveFeatures();
        await FlushIncrementsAsync(ct);
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            await _transaction.DisposeAsync();
            _transaction = await _connection!.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
