namespace Bot.Adapters.Console;

/// <summary>Attaching a file to a console command: <c>alice: /tier import @file path/to/spend.csv</c>.</summary>
public static class ConsoleFiles
{
    public const string Marker = "@file";

    /// <summary>The arguments without <c>@file path</c>, and the path (quoted when it has spaces), if there was one.</summary>
    public static (string Arguments, string? Path) Extract(string arguments)
    {
        var at = arguments.IndexOf(Marker + " ", StringComparison.Ordinal);
        if (at < 0 || (at > 0 && !char.IsWhiteSpace(arguments[at - 1])))
        {
            return (arguments, null);
        }

        var after = arguments[(at + Marker.Length)..].TrimStart();
        string path, rest;
        if (after.StartsWith('"') && after.IndexOf('"', 1) is var close and > 0)
        {
            (path, rest) = (after[1..close], after[(close + 1)..]);
        }
        else
        {
            var end = after.IndexOfAny([' ', '\t']);
            (path, rest) = end < 0 ? (after, string.Empty) : (after[..end], after[end..]);
        }

        return ((arguments[..at] + " " + rest.Trim()).Trim(), path.Length == 0 ? null : path);
    }

    /// <summary>The path as given (absolute, or from the current directory), else beside the script.</summary>
    public static string? Resolve(string path, string? script)
    {
        if (File.Exists(path))
        {
            return Path.GetFullPath(path);
        }

        var besideScript = script is null || Path.IsPathRooted(path) ? null : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(script)) ?? ".", path);
        return besideScript is not null && File.Exists(besideScript) ? besideScript : null;
    }

    public static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".csv" => "text/csv",
        ".yaml" or ".yml" => "application/yaml",
        ".json" => "application/json",
        ".txt" => "text/plain",
        _ => "application/octet-stream",
    };
}
