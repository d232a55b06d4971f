using System.Globalization;

namespace Bot.Adapters.Discord.Gateway;

/// <summary>Which shards a process runs (<c>0-3</c>, <c>0,2,4</c>) and which shard a guild lives on.</summary>
internal static class ShardRange
{
    /// <summary>Discord's rule: <c>shard_id = (guild_id &gt;&gt; 22) % num_shards</c>.</summary>
    public static int ShardOf(ulong guildId, int shardCount) => (int)((guildId >> 22) % (ulong)shardCount);

    /// <summary>Returns an error message, or null with the parsed, sorted, distinct shard ids.</summary>
    public static string? TryParse(string text, int shardCount, out IReadOnlyList<int> ids)
    {
        var result = new SortedSet<int>();
        ids = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (fromText, toText) = dash < 0 ? (part, part) : (part[..dash], part[(dash + 1)..]);
            if (!int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || to < from)
            {
                return $"'{part}' is not a shard id or range like 0-3.";
            }

            if (to >= shardCount)
            {
                return $"shard {to} is not below the shard count {shardCount}.";
            }

            for (var id = from; id <= to; id++)
            {
                result.Add(id);
            }
        }

        if (result.Count == 0)
        {
            return "no shard ids given.";
        }

        ids = [.. result];
        return null;
    }
}
