using Bot.Domain.Model;

namespace Bot.Domain.Commands;

/// <summary>
/// Files attached to a command: which file option a command line has (so an adapter downloads only what a
/// command takes, within its limits), and binding the attachments to the options with a clear reason when
/// one cannot be taken.
/// </summary>
public static class CommandFiles
{
    /// <summary>Why a file of this name and declared size may not be taken for <paramref name="option"/>; null when it may.</summary>
    public static ParseError? Check(OptionSpec option, string fileName, long size)
    {
        if (option.FileTypes is { Count: > 0 } types
            && !types.Any(t => fileName.EndsWith("." + t, StringComparison.OrdinalIgnoreCase)))
        {
            return new ParseError("FileType", option.Name, fileName, string.Join(", ", types.Select(t => "." + t)));
        }

        return size > option.MaxBytes ? new ParseError("FileTooLarge", option.Name, fileName, Kilobytes(size), Kilobytes(option.MaxBytes)) : null;
    }

    /// <summary>The first file option of the (sub)command <paramref name="arguments"/> names, or null when it takes no file.</summary>
    public static OptionSpec? FileOptionOf(CommandCatalog catalog, string name, string arguments)
    {
        if (!catalog.TryGet(name, out var spec, out _))
        {
            return null;
        }

        while (spec.Children.Count > 0)
        {
            var (token, rest) = CommandParser.NextToken(arguments);
            var child = spec.Children.FirstOrDefault(c => c.Name.Equals(token, StringComparison.OrdinalIgnoreCase));
            if (child is null)
            {
                return null;
            }

            (spec, arguments) = (child, rest);
        }

        return spec.FileParameters.FirstOrDefault();
    }

    /// <summary>The attachments, in order, as the spec's file options; an error when a required one is missing or one cannot be taken.</summary>
    internal static ParseError? Bind(CommandSpec spec, IReadOnlyList<Attachment> attachments, ParsedOptions options)
    {
        var files = spec.FileParameters;
        for (var i = 0; i < files.Count; i++)
        {
            var option = files[i];
            if (i >= attachments.Count)
            {
                if (option.Required)
                {
                    return new ParseError("MissingFile", option.Name);
                }

                continue;
            }

            var file = attachments[i];
            if (Check(option, file.FileName, file.Size ?? file.Content.Length) is { } error)
            {
                return error;
            }

            if (!file.IsDownloaded)
            {
                return new ParseError("FileUnreadable", option.Name, file.FileName);
            }

            options.Set(option.Name, file);
        }

        return null;
    }

    private static string Kilobytes(long bytes) => Math.Ceiling(bytes / 1024.0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " KB";
}
