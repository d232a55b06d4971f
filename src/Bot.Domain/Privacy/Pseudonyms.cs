using System.Security.Cryptography;
using System.Text;
using Bot.Domain.Model;

namespace Bot.Domain.Privacy;

/// <summary>
/// The id that stands for a member once their data is erased (and in keys that must not carry their platform id):
/// a keyed hash of community and platform id. Stable, so a member who erases and comes back still meets their
/// pseudonymised strikes; keyed, so nobody can recompute it from a list of platform ids without the key.
/// </summary>
public sealed class Pseudonyms
{
    public const string Prefix = "erased-";

    private readonly Lazy<byte[]> _key;

    public Pseudonyms(byte[] key)
        : this(() => key)
    {
    }

    /// <summary>The key is loaded on first use (it may live in the database, which is ready only after start-up).</summary>
    public Pseudonyms(Func<byte[]> loadKey) => _key = new(() => Checked(loadKey()));

    public string Of(CommunityRef community, UserRef user) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes($"{community}/{user}")))[..24];

    public static bool IsPseudonym(string id) => id.StartsWith(Prefix, StringComparison.Ordinal);

    private static byte[] Checked(byte[] key) =>
        key.Length >= 32 ? [.. key] : throw new InvalidOperationException("A pseudonym key needs at least 32 bytes.");

    /// <summary>No key material in logs or exception messages.</summary>
    public override string ToString() => nameof(Pseudonyms);
}
