using System.Text.RegularExpressions;

namespace Bot.Domain.Moderation;

/// <summary>Finds links in a message: their host names, and invites to other Discord servers or Telegram groups.</summary>
public static partial class LinkScanner
{
    public static IReadOnlyList<string> Hosts(string text) =>
        [.. Url().Matches(text).Select(m => m.Groups["host"].Value.ToLowerInvariant().TrimEnd('.'))];

    /// <summary>Invite codes (<c>discord.gg/abc</c> → <c>abc</c>, <c>t.me/+xyz</c> → <c>+xyz</c>, <c>t.me/somegroup</c> → <c>somegroup</c>).</summary>
    public static IReadOnlyList<string> Invites(string text) =>
        [.. Invite().Matches(text).Select(m => m.Groups["code"].Value)];

    public static bool HostMatches(string host, string domain) =>
        host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);

    [GeneratedRegex(@"(?:https?://)?(?<host>(?:[a-z0-9\-]+\.)+(?:[a-z]{2,24}))(?![a-z0-9\-])(?:[/?#]\S*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?:discord(?:app)?\.com/invite|discord\.gg|t(?:elegram)?\.me(?:/joinchat)?)/(?<code>\+?[a-z0-9_\-]{3,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Invite();
}
