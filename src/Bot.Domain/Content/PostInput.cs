using System.Text;

namespace Bot.Domain.Content;

/// <summary>
/// Reads what staff type for a post: <c>Title | Body | tags | channels</c>, where <c>\|</c> is a literal bar,
/// <c>\n</c> a line break, tags are words (a leading # is dropped) and channels are <c>#name</c>, <c>&lt;#id&gt;</c> or ids.
/// Every check that can fail has a message key in the feature's strings.
/// </summary>
public static class PostInput
{
    public const int MaxTitle = 200;
    public const int MaxTags = 10;
    public const int MaxTagLength = 30;
    public const int MaxChannels = 5;

    public sealed record Parsed(string Title, string Body, IReadOnlyList<string> Tags, IReadOnlyList<string>? Channels);

    /// <summary>One part of a post changed as <c>/post edit</c> asks (<c>title</c>, <c>body</c>, <c>tags</c>, <c>channels</c>, <c>pin</c>, <c>repeat</c>).</summary>
    public static (Post? Edited, string? ErrorKey) Change(Post post, string field, string value) => field switch
    {
        "title" => Title(value) is var (title, e1) && e1 is null ? (post with { Title = title! }, null) : (null, e1),
        "body" => Body(value) is var (body, e2) && e2 is null ? (post with { Body = body! }, null) : (null, e2),
        "tags" => Tags(value) is var (tags, e3) && e3 is null ? (post with { Tags = tags! }, null) : (null, e3),
        "channels" => Channels(value) is var (channels, e4) && e4 is null ? (post with { Channels = channels! }, null) : (null, e4),
        "pin" => TryParseSwitch(value, out var pin) ? (post with { Pin = pin }, null) : (null, "BadSwitch"),
        _ when value.Length == 0 => (post with { Repeat = null }, null),
        _ => Recurrence.TryParse(value, out var rule) ? (post with { Repeat = rule.ToString(), RequestedWhen = null }, null) : (null, "BadRepeat"),
    };

    /// <summary>The whole <c>/post new</c> text; channels are null when not given.</summary>
    public static (Parsed? Post, string? ErrorKey) ParseNew(string text)
    {
        var parts = SplitBars(text);
        if (parts.Count < 2)
        {
            return (null, "MissingBody");
        }

        if (parts.Count > 4)
        {
            return (null, "TooManyParts");
        }

        var (title, titleError) = Title(parts[0]);
        if (titleError is not null)
        {
            return (null, titleError);
        }

        var (body, bodyError) = Body(parts[1]);
        if (bodyError is not null)
        {
            return (null, bodyError);
        }

        var (tags, tagError) = Tags(parts.Count > 2 ? parts[2] : string.Empty);
        if (tagError is not null)
        {
            return (null, tagError);
        }

        IReadOnlyList<string>? channels = null;
        if (parts.Count > 3)
        {
            var (parsed, channelError) = Channels(parts[3]);
            if (channelError is not null)
            {
                return (null, channelError);
            }

            channels = parsed;
        }

        return (new Parsed(title!, body!, tags!, channels), null);
    }

    public static (string? Title, string? ErrorKey) Title(string text)
    {
        var title = Unescape(text).Replace('\n', ' ').Trim();
        return title.Length switch
        {
            0 => (null, "EmptyTitle"),
            > MaxTitle => (null, "TitleTooLong"),
            _ => (title, null),
        };
    }

    public static (string? Body, string? ErrorKey) Body(string text)
    {
        var body = Unescape(text).Trim();
        return body.Length == 0 ? (null, "EmptyBody") : (body, null);
    }

    public static (IReadOnlyList<string>? Tags, string? ErrorKey) Tags(string text)
    {
        var tags = new List<string>();
        foreach (var word in Words(text))
        {
            var tag = word.TrimStart('#');
            if (tag.Length == 0 || tag.Length > MaxTagLength || !tag.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                return (null, "BadTag");
            }

            if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                tags.Add(tag);
            }
        }

        return tags.Count > MaxTags ? (null, "TooManyTags") : (tags, null);
    }

    public static (IReadOnlyList<string>? Channels, string? ErrorKey) Channels(string text)
    {
        var channels = new List<string>();
        foreach (var word in Words(text))
        {
            var channel = word.StartsWith("<#", StringComparison.Ordinal) && word.EndsWith('>') ? word[2..^1] : word.TrimStart('#');
            if (channel.Length == 0 || channel.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '|'))
            {
                return (null, "BadChannel");
            }

            if (!channels.Contains(channel, StringComparer.Ordinal))
            {
                channels.Add(channel);
            }
        }

        return channels.Count switch
        {
            0 => (null, "NoChannels"),
            > MaxChannels => (null, "TooManyChannels"),
            _ => (channels, null),
        };
    }

    public static bool TryParseSwitch(string? text, out bool value)
    {
        value = text?.Trim().ToLowerInvariant() is "on" or "yes" or "true";
        return value || text?.Trim().ToLowerInvariant() is "off" or "no" or "false";
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split([' ', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Splits on <c>|</c> not preceded by a backslash; <c>\|</c> stays escaped until <see cref="Unescape"/>.</summary>
    private static List<string> SplitBars(string text)
    {
        var parts = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '|' && (i == 0 || text[i - 1] != '\\'))
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '|' or 'n')
            {
                result.Append(text[i + 1] == 'n' ? '\n' : '|');
                i++;
                continue;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }
}
