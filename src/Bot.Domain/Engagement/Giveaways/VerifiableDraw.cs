using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Domain.Engagement.Giveaways;

/// <summary>
/// The draw anyone can recompute (docs/events.md spells it out): entrants' ids sorted by their UTF-8 bytes
/// and joined with '\n' form the message; its HMAC-SHA256 keyed with the seed is the draw key; block k of
/// the byte stream is HMAC-SHA256 keyed with the draw key over k as 4 big-endian bytes (the message is hashed
/// once, so a draw is linear in the entrants); 4-byte big-endian numbers from the stream,
/// with rejection sampling against modulo bias, drive a Fisher–Yates shuffle from the last position down.
/// Winners are the first places of the shuffled order; rerolls take the places after them.
/// </summary>
public static class VerifiableDraw
{
    public static string Commitment(byte[] seed) => Convert.ToHexStringLower(SHA256.HashData(seed));

    public static bool Matches(byte[] seed, string commitment) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Commitment(seed)), Encoding.ASCII.GetBytes(commitment.Trim().ToLowerInvariant()));

    /// <summary>The canonical entrant list: distinct ids ordered by their UTF-8 bytes (Unicode code point order).</summary>
    public static IReadOnlyList<string> Canonical(IEnumerable<string> entrants) =>
        [.. entrants.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Bytes: Encoding.UTF8.GetBytes(id))).OrderBy(e => e.Bytes, ByteOrder.Instance).Select(e => e.Id)];

    /// <summary>All entrants in drawn order; the first <c>n</c> are the winners of an <c>n</c>-winner giveaway.</summary>
    public static IReadOnlyList<string> Order(byte[] seed, IEnumerable<string> entrants)
    {
        var order = Canonical(entrants).ToArray();
        var stream = new Stream(HMACSHA256.HashData(seed, Encoding.UTF8.GetBytes(string.Join('\n', order))));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = stream.Below((uint)i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private sealed class Stream(byte[] key)
    {
        private readonly byte[] _counter = new byte[4];
        private byte[] _block = [];
        private int _position;
        private uint _blocks;

        /// <summary>A uniform number in [0, bound): draws above the largest multiple of bound are thrown away.</summary>
        public int Below(uint bound)
        {
            var limit = (1UL << 32) - ((1UL << 32) % bound);
            while (true)
            {
                var value = Next();
                if ((ulong)value < limit)
                {
                    return (int)(value % bound);
                }
            }
        }

        private uint Next()
        {
            if (_position + 4 > _block.Length)
            {
                BinaryPrimitives.WriteUInt32BigEndian(_counter, _blocks++);
                _block = HMACSHA256.HashData(key, _counter);
                _position = 0;
            }

            var value = BinaryPrimitives.ReadUInt32BigEndian(_block.AsSpan(_position, 4));
            _position += 4;
            return value;
        }
    }

    /// <summary>UTF-8 byte order, which every language's byte sort reproduces (UTF-16 ordinal order differs above U+FFFF).</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
