using System.Globalization;
using Bot.Domain.Model;

namespace Bot.Domain.Commands;

/// <summary>Why a command line did not parse: a resource key in the core texts and its arguments.</summary>
public sealed record ParseError(string Key, params object[] Args);

/// <summary>
/// Parses the text after a command name against its declaration. Optional options are skipped when the
/// next word is not of their kind (<c>/ban @bob spam</c> leaves the duration out); a last text option takes
/// the rest of the line. A missing user falls back to the author of the message replied to.
/// </summary>
public static class CommandParser
{
    /// <summary>A typed name → the one member it names, or an error (it names several: the caller must say which).</summary>
    public delegate Task<(UserRef? User, ParseError? Error)> UserResolver(string token, CancellationToken ct);

    public static async Task<(ParsedOptions? Options, ParseError? Error)> ParseAsync(
        CommandSpec spec, string arguments, Platform platform, UserRef? replyTarget, UserResolver resolveUser, CancellationToken ct)
    {
        var options = new ParsedOptions();
        var rest = arguments.Trim();
        var parameters = spec.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var option = parameters[i];
            var isLast = i == parameters.Count - 1;
            if (option.Kind == OptionKind.Text && isLast)
            {
                var text = Unquote(rest);
                if (text.Length > 0)
                {
                    options.Set(option.Name, text);
                }
                else if (option.Required)
                {
                    return (null, new ParseError("MissingOption", option.Name));
                }

                rest = string.Empty;
                break;
            }

            var (token, after) = NextToken(rest);
            if (token is null)
            {
                if (option.Kind == OptionKind.User && replyTarget is { } target)
                {
                    options.Set(option.Name, target);
                    continue;
                }

                if (option.Required)
                {
                    return (null, new ParseError("MissingOption", option.Name));
                }

                continue;
            }

            var (value, error) = await ConvertAsync(option, token, platform, resolveUser, ct);
            if (value is not null)
            {
                options.Set(option.Name, value);
                rest = after;
                continue;
            }

            if (option.Kind == OptionKind.User && replyTarget is { } replied)
            {
                options.Set(option.Name, replied);
                continue;
            }

            // A word no later option can take is this option's mistake, not an extra argument.
            if (option.Required || isLast)
            {
                return (null, error);
            }
        }

        return rest.Length > 0 ? (null, new ParseError("TooManyArguments", rest)) : (options, null);
    }

    private static async Task<(object? Value, ParseError Error)> ConvertAsync(
        OptionSpec option, string token, Platform platform, UserResolver resolveUser, CancellationToken ct)
    {
        switch (option.Kind)
        {
            case OptionKind.Integer:
                if (long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    && (option.Min is null || number >= option.Min) && (option.Max is null || number <= option.Max))
                {
                    return (number, null!);
                }

                // Only the bounds the option has are named: "from 1 to 9223372036854775807" helps nobody.
                var key = (option.Min, option.Max) switch
                {
                    (not null, not null) => "BadInteger",
                    (not null, null) => "BadIntegerAtLeast",
                    (null, not null) => "BadIntegerAtMost",
                    _ => "BadIntegerAny",
                };
                return (null, new ParseError(key, option.Name, token, option.Min ?? long.MinValue, option.Max ?? long.MaxValue));
            case OptionKind.Duration:
                return DurationParser.TryParse(token, out var duration)
                    ? (duration, null!)
                    : (null, new ParseError("BadDuration", option.Name, token));
            case OptionKind.Choice:
                var choice = option.Choices?.FirstOrDefault(c => c.Equals(token, StringComparison.OrdinalIgnoreCase));
                return choice is not null
                    ? (choice, null!)
                    : (null, new ParseError("BadChoice", option.Name, token, string.Join(", ", option.Choices ?? [])));
            case OptionKind.Channel:
                var channel = token.StartsWith("<#", StringComparison.Ordinal) && token.EndsWith('>') ? token[2..^1] : token.TrimStart('#');
                return channel.Length > 0 ? (channel, null!) : (null, new ParseError("BadChannel", option.Name, token));
            case OptionKind.User:
                if (ParseUserId(token, platform) is { } mentioned)
                {
                    return (mentioned, null!);
                }

                var (user, ambiguous) = await resolveUser(token, ct);
                return user is not null ? (user.Value, null!) : (null, ambiguous ?? new ParseError("UnknownUser", token));
            default:
                return (token, null!);
        }
    }

    /// <summary>Platform mention syntaxes that carry the id itself: <c>&lt;@123&gt;</c>, <c>tg://user?id=123</c>, a bare number.</summary>
    private static UserRef? ParseUserId(string token, Platform platform)
    {
        var id = token switch
        {
            _ when token.StartsWith("<@", StringComparison.Ordinal) && token.EndsWith('>') => token[2..^1].TrimStart('!'),
            _ when token.StartsWith("tg://user?id=", StringComparison.Ordinal) => token["tg://user?id=".Length..],
            _ when platform != Platform.Console && token.All(char.IsAsciiDigit) => token,
            _ => null,
        };
        return id is { Length: > 0 } && (platform == Platform.Console || id.All(char.IsAsciiDigit)) ? new UserRef(platform, id) : null;
    }

    /// <summary>The next word, or a "quoted" / 「quoted」 phrase, and what follows it.</summary>
    internal static (string? Token, string Remainder) NextToken(string text)
    {
        text = text.TrimStart();
        if (text.Length == 0)
        {
            return (null, string.Empty);
        }

        var close = text[0] switch { '"' => '"', '「' => '」', _ => '\0' };
        if (close != '\0')
        {
            var end = text.IndexOf(close, 1);
            if (end > 0)
            {
                return (text[1..end], text[(end + 1)..].TrimStart());
            }
        }

        var space = 0;
        while (space < text.Length && !char.IsWhiteSpace(text[space]))
        {
            space++;
        }

        return (text[..space], text[space..].TrimStart());
    }

    private static string Unquote(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && ((trimmed[0] == '"' && trimmed[^1] == '"') || (trimmed[0] == '「' && trimmed[^1] == '」')))
        {
            return trimmed[1..^1];
        }

        return trimmed;
    }
}
