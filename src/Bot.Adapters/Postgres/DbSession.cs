using System.Data;
using Bot.Adapters.Postgres.Batch;
using Bot.Domain.Pipeline;
using Dapper;
using Npgsql;

namespace Bot.Adapters.Postgres;

/// <summary>
/// One connection and transaction per DI scope (one pipeline batch): every store in the scope writes
/// into it, and the pipeline commits it before any action runs. Each feature gets a savepoint the
/// first time it touches the database, so a failing feature is rolled back alone.
/// Rows for a <see cref="BatchSink{TKey, TRow}"/> wait in memory and go out set-based at the end (docs/pipeline.md):
/// a feature that only puts such rows costs no round trip at all, and its rows are taken back if it fails.
/// </summary>
public sealed class DbSession(NpgsqlDataSource dataSource) : IFeatureIsolation, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private string? _feature;
    private bool _featureSaved;
    private readonly List<(string Order, string Sql, object? Param)> _increments = [];
    private int _incrementsBeforeFeature;
    private readonly Dictionary<object, IPendingRows> _pending = [];
    private readonly List<Action> _undo = [];
    private readonly Dictionary<string, object> _loaded = [];

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
            sql = $"savepoint {Savepoint(_feature)};\n{sql}";
        }

        return (_connection, new CommandDefinition(sql, param, _transaction, cancellationToken: ct));
    }

    public Task EnterAsync(string feature, CancellationToken ct)
    {
        _feature = feature;
        _featureSaved = false;
        _incrementsBeforeFeature = _increments.Count;
        _undo.Clear();
        return Task.CompletedTask;
    }

    // Named only when a feature sends a statement: most features on most messages send none.
    private static string Savepoint(string feature) => "f_" + feature.Replace('-', '_');

    public async Task FailAsync(string feature, CancellationToken ct)
    {
        if (_featureSaved && _transaction is not null)
        {
            await _transaction.RollbackAsync(Savepoint(_feature!), ct);
        }

        _featureSaved = false;
        _increments.RemoveRange(_incrementsBeforeFeature, _increments.Count - _incrementsBeforeFeature);
        for (var i = _undo.Count - 1; i >= 0; i--)
        {
            _undo[i]();
        }

        _undo.Clear();
    }

    /// <summary>
    /// While on (the default), <see cref="WriteAsync"/> writes its row at once, inside the feature's savepoint, as a plain
    /// statement would. The pipeline turns it off only while it runs an ordinary message: anything else (a command, an
    /// erasure, a timer, a job outside the pipeline) may read or rewrite by SQL what was written before it.
    /// </summary>
    public bool WriteThrough { get; set; } = true;

    /// <summary>Puts a row to be written set-based with the rest of the batch's rows for <paramref name="sink"/> (or now, see <see cref="WriteThrough"/>).</summary>
    public async Task WriteAsync<TKey, TRow>(BatchSink<TKey, TRow> sink, TKey key, TRow row, CancellationToken ct)
        where TKey : notnull
    {
        var rows = Rows(sink);
        var undo = rows.Put(key, row);
        if (WriteThrough)
        {
            if (rows.TakeStatement() is { } statement)
            {
                await ExecuteAsync(statement.Sql, statement.Param, ct);
            }
        }
        else if (_feature is not null)
        {
            _undo.Add(undo);
        }
    }

    /// <summary>The batch's rows for <paramref name="sink"/> not written yet, so a store reads its own batch's writes.</summary>
    public IEnumerable<TRow> Pending<TKey, TRow>(BatchSink<TKey, TRow> sink)
        where TKey : notnull => _pending.TryGetValue(sink, out var rows) ? ((PendingRows<TKey, TRow>)rows).Rows : [];

    public bool TryPending<TKey, TRow>(BatchSink<TKey, TRow> sink, TKey key, out TRow row)
        where TKey : notnull
    {
        row = default!;
        return _pending.TryGetValue(sink, out var rows) && ((PendingRows<TKey, TRow>)rows).TryGet(key, out row);
    }

    private PendingRows<TKey, TRow> Rows<TKey, TRow>(BatchSink<TKey, TRow> sink)
        where TKey : notnull
    {
        if (!_pending.TryGetValue(sink, out var rows))
        {
            _pending[sink] = rows = new PendingRows<TKey, TRow>(sink);
        }

        return (PendingRows<TKey, TRow>)rows;
    }

    /// <summary>
    /// Rows a preloader read for the whole batch in one statement (docs/pipeline.md), by key; a key it looked for and
    /// did not find maps to default. A store that changes such a row removes its key, so the next read goes to the database.
    /// </summary>
    public Dictionary<TKey, TValue> Loaded<TKey, TValue>(string name)
        where TKey : notnull
    {
        if (!_loaded.TryGetValue(name, out var map))
        {
            _loaded[name] = map = new Dictionary<TKey, TValue>();
        }

        return (Dictionary<TKey, TValue>)map;
    }

    /// <summary>
    /// Forgets what preloaders and per-batch memos read. Loaded rows serve a run of ordinary messages, which change
    /// none of them behind the stores' backs; the pipeline drops them around any other event (a command may change anything).
    /// </summary>
    public void DropLoaded() => _loaded.Clear();

    /// <summary>Writes every sink's pending rows, one statement per sink in name order; only between features.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        foreach (var rows in _pending.Values.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            if (rows.TakeStatement() is { } statement)
            {
                await ExecuteAsync(statement.Sql, statement.Param, ct);
            }
        }
    }

    public bool IsTransient(Exception exception) => Transient.Is(exception);

    /// <summary>Leaves feature scope: statements after this (dedupe, outbox) run outside any savepoint.</summary>
    public void LeaveFeatures()
    {
        (_feature, _featureSaved) = (null, false);
        _undo.Clear();
    }

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

    /// <summary>Whether a transaction of this session has committed (what ran in it is now state).</summary>
    public bool Committed { get; private set; }

    public async Task CommitAsync(CancellationToken ct)
    {
        LeaveFeatures();
        await FlushAsync(ct);
        await FlushIncrementsAsync(ct);
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            Committed = true;
            await _transaction.DisposeAsync();
            _loaded.Clear();
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
