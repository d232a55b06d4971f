using System.Globalization;

namespace Bot.Domain.Content;

/// <summary>
/// A content timer: the post's own (key = its id) or a retry of one channel of one occurrence
/// (key = <c>id:ticks:channel</c>, payload = <c>retry:ticks:attempt:channel</c>).
/// </summary>
public sealed record TimerKey(long PostId, TimerKey.RetryOf? Retry = null)
{
    public sealed record RetryOf(DateTimeOffset Occurrence, string Channel, int Attempt);

    public string Key => Retry is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"{PostId}:{r.Occurrence.UtcTicks}:{r.Channel}")
        : PostId.ToString(CultureInfo.InvariantCulture);

    public string Payload => Retry is { } r
        ? string.Create(CultureInfo.InvariantCulture, $"retry:{r.Occurrence.UtcTicks}:{r.Attempt}:{r.Channel}")
        : string.Empty;

    public static TimerKey? Parse(string key, string payload)
    {
        var id = key.Split(':')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var postId))
        {
            return null;
        }

        if (payload.Length == 0)
        {
            return new TimerKey(postId);
        }

        var parts = payload.Split(':', 4);
        return parts is ["retry", var ticks, var attempt, var channel]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && int.TryParse(attempt, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            ? new TimerKey(postId, new RetryOf(new DateTimeOffset(t, TimeSpan.Zero), channel, a))
            : null;
    }
}

/// <summary>
/// What an action's result belongs to: <c>content:review:id</c> (the staff review message of a post),
/// <c>content:review:id:revision</c> (that of a revision) or <c>content:publish:id:ticks:attempt:channel</c>
/// (one channel of one occurrence).
/// </summary>
public sealed record Correlation(long PostId, bool Review, DateTimeOffset Occurrence = default, int Attempt = 0, string Channel = "", long RevisionId = 0)
{
    public override string ToString() => Review
        ? RevisionId > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{ContentDesk.Feature}:review:{PostId}:{RevisionId}")
            : string.Create(CultureInfo.InvariantCulture, $"{ContentDesk.Feature}:review:{PostId}")
        : string.Create(CultureInfo.InvariantCulture, $"{ContentDesk.Feature}:publish:{PostId}:{Occurrence.UtcTicks}:{Attempt}:{Channel}");

    public static Correlation? Parse(string text)
    {
        var parts = text.Split(':', 6);
        static bool Long(string s, out long v) => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        return parts switch
        {
            [ContentDesk.Feature, "review", var id] when Long(id, out var postId) => new Correlation(postId, true),
            [ContentDesk.Feature, "review", var id, var revision] when Long(id, out var postId) && Long(revision, out var r) && r > 0 =>
                new Correlation(postId, true, RevisionId: r),
            [ContentDesk.Feature, "publish", var id, var ticks, var attempt, var channel]
                when Long(id, out var postId) && Long(ticks, out var t) && Long(attempt, out var a) && a is > 0 and < 100 =>
                new Correlation(postId, false, new DateTimeOffset(t, TimeSpan.Zero), (int)a, channel),
            _ => null,
        };
    }
}
