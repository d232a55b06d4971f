using Bot.Domain.Model;

namespace Bot.Domain.Invites;

public enum InviteCheck
{
    Done,
    Wait,
    Qualify,
    Expire,
}

/// <summary>Which joins count, and when a pending invitee qualifies.</summary>
public static class InviteRules
{
    /// <summary>The code of a link as joins report it: its last path segment (<c>https://t.me/+AbC</c> → <c>+AbC</c>).</summary>
    public static string CodeOf(string linkOrCode)
    {
        var trimmed = linkOrCode.Trim().TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }

    public static InviteStatus Classify(Member joiner, UserRef inviter, DateTimeOffset at, bool seenBefore, InvitesOptions options) =>
        joiner.User == inviter ? InviteStatus.SelfInvite
        : seenBefore ? InviteStatus.Rejoin
        : joiner.AccountCreatedAt is { } created && at - created < options.MinAccountAge ? InviteStatus.TooYoung
        : InviteStatus.Pending;

    /// <summary>
    /// Never before the retention window; then qualified with enough messages; otherwise checked again daily
    /// until the deadline, when it expires.
    /// </summary>
    public static (InviteCheck Check, DateTimeOffset RetryAt) Evaluate(InviteJoin join, DateTimeOffset now, InvitesOptions options)
    {
        if (join.Status != InviteStatus.Pending)
        {
            return (InviteCheck.Done, now);
        }

        var due = join.JoinedAt + options.QualifyAfter;
        if (now < due)
        {
            return (InviteCheck.Wait, due);
        }

        if (join.Messages >= options.MinMessages)
        {
            return (InviteCheck.Qualify, now);
        }

        var deadline = join.JoinedAt + options.QualifyWithin;
        if (now >= deadline)
        {
            return (InviteCheck.Expire, now);
        }

        var tomorrow = now.AddDays(1);
        return (InviteCheck.Wait, tomorrow < deadline ? tomorrow : deadline);
    }
}
