using Bot.Domain.Model;

namespace Bot.Domain.Commands;

/// <summary>
/// A member who floods the bot with commands it refuses (unknown, or not theirs to use) is answered at most once per
/// <see cref="Window"/>: the rest are dropped without a reply, so a flood costs no sends and delays no chat. Staff and
/// platform interactions (which must be answered, and have their own rate-limit bucket) are always answered.
/// Remembered per process: with several processes a member may get one answer from each.
/// </summary>
public sealed class RefusalThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Beyond this many remembered members, those answered longer than a window ago are forgotten.
    private const int Remembered = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(CommunityRef Community, UserRef User), DateTimeOffset> _answered = [];

    /// <summary>Whether a refusal answered at <paramref name="lastAnswered"/> leaves room for another at <paramref name="now"/>.</summary>
    public static bool Due(DateTimeOffset? lastAnswered, DateTimeOffset now) => lastAnswered is not { } last || now - last >= Window || now < last;

    /// <summary>True when this member's refusal is to be answered now (and remembers that it was).</summary>
    public bool TryAnswer(CommunityRef community, UserRef user)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var key = (community, user);
            if (!Due(_answered.TryGetValue(key, out var last) ? last : null, now))
            {
                return false;
            }

            if (_answered.Count >= Remembered)
            {
                foreach (var stale in _answered.Where(a => Due(a.Value, now)).Select(a => a.Key).ToList())
                {
                    _answered.Remove(stale);
                }
            }

            _answered[key] = now;
            return true;
        }
    }
}
