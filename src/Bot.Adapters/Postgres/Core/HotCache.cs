using System.Collections.Concurrent;

namespace Bot.Adapters.Postgres.Core;

/// <summary>
/// A short-lived per-process cache for rows read on every event (a community's settings, a member's staff
/// grants). Writes in this process drop the entry; another process's writes show after <see cref="Ttl"/>.
/// </summary>
public sealed class HotCache<TKey, TValue>(TimeProvider time)
    where TKey : notnull
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> _entries = new();

    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> load)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Value;
        }

        var value = await load();
        _entries[key] = (value, now + Ttl);
        return value;
    }

    /// <summary>True when <paramref name="key"/> has an entry within the TTL.</summary>
    public bool Has(TKey key) => _entries.TryGetValue(key, out var entry) && entry.Until > time.GetUtcNow();

    /// <summary>Puts a value read elsewhere (a batch's preload) as if <see cref="GetAsync"/> had loaded it.</summary>
    public void Put(TKey key, TValue value) => _entries[key] = (value, time.GetUtcNow() + Ttl);

    public void Forget(TKey key) => _entries.TryRemove(key, out _);

    /// <summary>True (and remembered) when <paramref name="key"/> was not marked within the TTL: for write throttling.</summary>
    public bool MarkIfStale(TKey key, TValue value)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && entry.Until > now && Equals(entry.Value, value))
        {
            return false;
        }

        _entries[key] = (value, now + Ttl);
        return true;
    }
}
