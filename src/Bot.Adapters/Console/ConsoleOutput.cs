using System.Globalization;
using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Model;

namespace Bot.Adapters.Console;

/// <summary>Where the console prints executed actions; tests capture it.</summary>
public interface IConsoleOutput
{
    void WriteLine(string line);
}

public sealed class StandardConsoleOutput : IConsoleOutput
{
    private readonly Lock _gate = new();

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            System.Console.Out.WriteLine(line);
            System.Console.Out.Flush();
        }
    }
}

/// <summary>Renders an action as <c>ActionName key=value …</c>, one line, values quoted when they contain spaces.</summary>
public static class ActionFormatter
{
    public static string Format(BotAction action)
    {
        var line = new StringBuilder(action.GetType().Name);
        foreach (var property in action.GetType().GetProperties())
        {
            if (property.Name is nameof(BotAction.Community) or "EqualityContract")
            {
                continue;
            }

            var value = property.GetValue(action);
            var text = value switch
            {
                null => null,
                // An optional switch that is set says so either way (an edit that unpins); a plain false is the default.
                bool set when property.PropertyType == typeof(bool?) => set ? "True" : "False",
                false => null,
                string s when s.Length == 0 => null,
                UserRef user => user.Id,
                DateTimeOffset at => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture),
                Attachment file => $"{file.FileName}({file.Content.Length}B)",
                IReadOnlyList<Button> buttons => "[" + string.Join(", ", buttons.Select(b => $"{b.Label}→{b.Data}")) + "]",
                IReadOnlyList<string> list => string.Join(',', list),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
            {
                line.Append(' ').Append(char.ToLowerInvariant(property.Name[0])).Append(property.Name[1..]).Append('=').Append(Quote(text));
            }
        }

        return line.ToString();
    }

    private static string Quote(string text) =>
        text.Any(c => char.IsWhiteSpace(c) || c == '"') ? "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"" : text;
}
