using System.Text;

namespace Bot.Adapters.Discord.Rest;

/// <summary>
/// A request's rate-limit identity: the method and path with minor ids replaced, keeping the major
/// parameters (channel, guild, webhook id and token) that Discord limits separately.
/// </summary>
internal readonly record struct RestRoute(HttpMethod Method, string Path)
{
    public string Key => $"{Method.Method} {Template(Path)}";

    /// <summary>Interaction callbacks are not counted against the global limit.</summary>
    public bool IsGlobal => !Path.StartsWith("/interactions/", StringComparison.Ordinal);

    /// <summary>The path with secrets replaced (interaction and webhook tokens), for logs and errors.</summary>
    public string Display => Template(Path, keepMajor: false);

    private static string Template(string path, bool keepMajor = true)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = (query < 0 ? path : path[..query]).Split('/');
        var text = new StringBuilder();
        for (var i = 1; i < segments.Length; i++)
        {
            var previous = segments[i - 1];
            var beforePrevious = i >= 2 ? segments[i - 2] : string.Empty;
            var segment = segments[i] switch
            {
                _ when beforePrevious is "webhooks" or "interactions" => ":token",
                // An interaction's callback has its own bucket: one press never waits behind another's.
                _ when previous is "channels" or "guilds" or "webhooks" or "interactions" => keepMajor ? segments[i] : ":id",
                var s when s.Length > 0 && s.All(char.IsAsciiDigit) => ":id",
                var s => s,
            };
            text.Append('/').Append(segment);
        }

        return text.ToString();
    }
}
