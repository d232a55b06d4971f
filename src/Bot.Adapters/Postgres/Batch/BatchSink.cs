namespace Bot.Adapters.Postgres.Batch;

/// <summary>
/// A table the batch writes set-based: features put rows by key while they decide, and at the end of the batch (or
/// before an event that reads the table with SQL) every row goes out in one statement, <c>insert … select from
/// unnest(…)</c>. <paramref name="merge"/> folds a second write of a key into the first (a newer standing replaces
/// the older, two message counts add up); <paramref name="statement"/> builds the one statement from the rows,
/// given in key order so that concurrent batches take the rows' locks in one order.
/// </summary>
public sealed class BatchSink<TKey, TRow>(
    string name, IComparer<TKey> order, Func<TRow, TRow, TRow> merge, Func<IReadOnlyList<TRow>, (string Sql, object Param)> statement)
    where TKey : notnull
{
    /// <summary>Sinks flush in name order, one order for every batch.</summary>
    public string Name => name;

    internal IComparer<TKey> Order => order;

    internal TRow Merge(TRow earlier, TRow later) => merge(earlier, later);

    internal (string Sql, object Param) Statement(IReadOnlyList<TRow> rows) => statement(rows);
}

/// <summary>A sink's rows not yet written, type-erased so the session can flush them all.</summary>
internal interface IPendingRows
{
    string Name { get; }

    (string Sql, object Param)? TakeStatement();
}

internal sealed class PendingRows<TKey, TRow>(BatchSink<TKey, TRow> sink) : IPendingRows
    where TKey : notnull
{
    private readonly Dictionary<TKey, TRow> _rows = [];

    public string Name => sink.Name;

    public IEnumerable<TRow> Rows => _rows.Values;

    public bool TryGet(TKey key, out TRow row) => _rows.TryGetValue(key, out row!);

    /// <summary>Puts the row (merged with an earlier one); returns how to take it back.</summary>
    public Action Put(TKey key, TRow row)
    {
        if (_rows.TryGetValue(key, out var earlier))
        {
            _rows[key] = sink.Merge(earlier, row);
            return () => _rows[key] = earlier;
        }

        _rows[key] = row;
        return () => _rows.Remove(key);
    }

    public (string Sql, object Param)? TakeStatement()
    {
        if (_rows.Count == 0)
        {
            return null;
        }

        var rows = _rows.OrderBy(r => r.Key, sink.Order).Select(r => r.Value).ToList();
        _rows.Clear();
        return sink.Statement(rows);
    }
}
