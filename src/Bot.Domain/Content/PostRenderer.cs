using System.Text;
using Bot.Domain.Model;

namespace Bot.Domain.Content;

/// <summary>
/// A post as each platform shows it. Bodies are written in Discord's markdown (<c>**bold**</c>, <c>*italic*</c>,
/// <c>__underline__</c>, <c>~~strike~~</c>, <c>`code`</c>, <c>```block```</c>, <c>[text](https://…)</c>);
/// Discord takes them as they are, Telegram gets the same formatting as HTML with everything else escaped.
/// </summary>
public static class PostRenderer
{
    public const int DiscordLimit = 2000;
    public const int TelegramLimit = 4096;

    /// <summary>Markers in the order they are tried: longer first, so <c>**</c> is not read as two <c>*</c>.</summary>
    private static readonly (string Marker, string Tag)[] Spans =
        [("**", "b"), ("__", "u"), ("~~", "s"), ("||", "tg-spoiler"), ("*", "i"), ("_", "i")];

    public static string Render(Post post, Platform platform) =>
        platform == Platform.Telegram ? Telegram(post) : Discord(post);

    public static int Limit(Platform platform) => platform == Platform.Telegram ? TelegramLimit : DiscordLimit;

    /// <summary>Title in bold (its own markdown escaped), the body as written, tags; mass mentions are defused.</summary>
    public static string Discord(Post post)
    {
        var text = new StringBuilder("**").Append(EscapeMarkdown(post.Title)).Append("**\n\n").Append(post.Body);
        if (post.Tags.Count > 0)
        {
            text.Append("\n\n").Append(string.Join(' ', post.Tags.Select(t => "#" + t)));
        }

        return DefuseMentions(text.ToString());
    }

    /// <summary>Telegram HTML: only &lt;, &gt; and &amp; are special; the body's markdown becomes tags.</summary>
    public static string Telegram(Post post)
    {
        var text = new StringBuilder("<b>").Append(Escape(post.Title)).Append("</b>\n\n");
        AppendHtml(post.Body, text);
        if (post.Tags.Count > 0)
        {
            text.Append("\n\n").Append(string.Join(' ', post.Tags.Select(t => "#" + t)));
        }

        return text.ToString();
    }

    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    public static string EscapeMarkdown(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '*' or '_' or '~' or '`' or '|' or '[' or ']' or '>' or '#')
            {
                result.Append('\\');
            }

            result.Append(c);
        }

        return result.ToString();
    }

    /// <summary>A zero-width space after @ keeps @everyone and @here from pinging the whole server.</summary>
    private static string DefuseMentions(string text) =>
        text.Replace("@everyone", "@\u200beveryone", StringComparison.Ordinal).Replace("@here", "@\u200bhere", StringComparison.Ordinal);

    /// <summary>Markdown → Telegram HTML. An unmatched marker is just text.</summary>
    internal static void AppendHtml(string markdown, StringBuilder html)
    {
        var i = 0;
        while (i < markdown.Length)
        {
            var rest = markdown.AsSpan(i);
            if (rest.Length > 1 && rest[0] == '\\' && IsMarkerChar(rest[1]))
            {
                html.Append(Escape(rest[1].ToString()));
                i += 2;
                continue;
            }

            if (rest.StartsWith("```") && markdown.IndexOf("```", i + 3, StringComparison.Ordinal) is var fence and > 0)
            {
                var code = markdown[(i + 3)..fence];
                var newline = code.IndexOf('\n', StringComparison.Ordinal);
                if (newline >= 0 && code[..newline].All(char.IsLetterOrDigit))
                {
                    code = code[(newline + 1)..]; // ```lang on the first line names the language; Telegram has no use for it
                }

                html.Append("<pre>").Append(Escape(code.Trim('\n'))).Append("</pre>");
                i = fence + 3;
                continue;
            }

            if (rest[0] == '`' && markdown.IndexOf('`', i + 1) is var tick and > 0 && tick > i + 1)
            {
                html.Append("<code>").Append(Escape(markdown[(i + 1)..tick])).Append("</code>");
                i = tick + 1;
                continue;
            }

            if (rest[0] == '[' && TryLink(markdown, i, out var label, out var url, out var end))
            {
                html.Append("<a href=\"").Append(Escape(url).Replace("\"", "&quot;", StringComparison.Ordinal)).Append("\">");
                AppendHtml(label, html);
                html.Append("</a>");
                i = end;
                continue;
            }

            if (TrySpan(markdown, i, out var tag, out var inner, out var after))
            {
                html.Append('<').Append(tag).Append('>');
                AppendHtml(inner, html);
                html.Append("</").Append(tag).Append('>');
                i = after;
                continue;
            }

            html.Append(Escape(markdown[i].ToString()));
            i++;
        }
    }

    private static bool TrySpan(string markdown, int i, out string tag, out string inner, out int after)
    {
        foreach (var (marker, spanTag) in Spans)
        {
            if (!markdown.AsSpan(i).StartsWith(marker) || (marker[0] == '_' && i > 0 && char.IsLetterOrDigit(markdown[i - 1])))
            {
                continue;
            }

            var close = markdown.IndexOf(marker, i + marker.Length, StringComparison.Ordinal);
            var closeEnd = close + marker.Length;
            if (close > i + marker.Length
                && !char.IsWhiteSpace(markdown[i + marker.Length])
                && (marker[0] != '_' || closeEnd >= markdown.Length || !char.IsLetterOrDigit(markdown[closeEnd])))
            {
                (tag, inner, after) = (spanTag, markdown[(i + marker.Length)..close], closeEnd);
                return true;
            }
        }

        (tag, inner, after) = (string.Empty, string.Empty, i);
        return false;
    }

    private static bool TryLink(string markdown, int i, out string label, out string url, out int end)
    {
        (label, url, end) = (string.Empty, string.Empty, i);
        var middle = markdown.IndexOf("](", i + 1, StringComparison.Ordinal);
        var close = middle < 0 ? -1 : markdown.IndexOf(')', middle + 2);
        if (middle <= i + 1 || close < 0 || markdown.AsSpan(i + 1, middle - i - 1).Contains('\n'))
        {
            return false;
        }

        var target = markdown[(middle + 2)..close];
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return false;
        }

        (label, url, end) = (markdown[(i + 1)..middle], target, close + 1);
        return true;
    }

    private static bool IsMarkerChar(char c) => c is '*' or '_' or '~' or '`' or '|' or '[' or ']' or '\\';
}
