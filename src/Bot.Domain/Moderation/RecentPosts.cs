using System.Collections.Concurrent;
using Bot.Domain.Model;

namespace Bot.Domain.Moderation;

/// <summary>A member's recent message, remembered for flood and duplicate rules (the text only as a hash of its normal form).</summary>
public readonly record struct RecentPost(DateTimeOffset At, string ChannelId, string MessageId, int TextHash);

/// <summary>
/// Flood and duplicate windows, kept in memory per process: cheap, and a restart only forgets the last day.
/// With several bot processes each sees only its own share of a member's messages (Discord shards keep a
/// guild on one process; Telegram behind a load balancer may split them), which can only make these rules
/// more lenient, never harsher.
/// </summary>
public sealed class RecentPosts
{
    private const int MaxPerMember = 200;
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    // Past this many members, members silent for a day are forgotten, at most once an hour.
    private const int SweepAbove = 50_000;
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    private long _lastSweepTicks;

    private readonly ConcurrentDictionary<(CommunityRef, UserRef), Queue<RecentPost>> _posts = new();

    public int MemberCount => _posts.Count;

    /// <summary>
    /// Adds <paramref name="post"/> and returns the member's posts of the last day, oldest first (empty unless
    /// <paramref name="copy"/>: copying a busy member's window on every message is most of this class's cost).
    /// </summary>
    public IReadOnlyList<RecentPost> Add(CommunityRef community, UserRef user, RecentPost post, bool copy = true)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (_posts.Count > SweepAbove && post.At.UtcTicks - last >= SweepEvery.Ticks
            && Interlocked.CompareExchange(ref _lastSweepTicks, post.At.UtcTicks, last) == last)
        {
            Sweep(post.At - MaxAge);
        }

        var queue = _posts.GetOrAdd((community, user), _ => new Queue<RecentPost>());
        lock (queue)
        {
            queue.Enqueue(post);
            while (queue.Count > MaxPerMember || queue.Peek().At < post.At - MaxAge)
            {
                queue.Dequeue();
            }

            return copy ? [.. queue] : [];
        }
    }

    private void Sweep(DateTimeOffset before)
    {
        foreach (var (key, queue) in _posts)
        {
            bool stale;
            lock (queue)
            {
                stale = queue.Count == 0 || queue.Last().At < before;
            }

            if (stale)
            {
                _posts.TryRemove(key, out _);
            }
        }
    }
}
