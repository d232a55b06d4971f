using Bot.Domain.Community;
using Bot.Domain.Model;

namespace Bot.Domain.Commands;

/// <summary>Option values after parsing, by option name. Getters for required options never return null.</summary>
public sealed class ParsedOptions
{
    private readonly Dictionary<string, object> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ChatCheck> _chats = new(StringComparer.OrdinalIgnoreCase);

    internal void Set(string name, object value) => _values[name] = value;

    internal void Checked(string name, ChatCheck check)
    {
        _chats[name] = check;
        _values[name] = check.ChatId;
    }

    /// <summary>What the platform said about a chat option's chat (its title, its link), when one was given.</summary>
    public ChatCheck? Check(string name) => _chats.GetValueOrDefault(name);

    public bool Has(string name) => _values.ContainsKey(name);

    public UserRef User(string name) => (UserRef)_values[name];

    public UserRef? OptionalUser(string name) => _values.TryGetValue(name, out var v) ? (UserRef)v : null;

    public string Text(string name) => (string)_values[name];

    public string? OptionalText(string name) => _values.TryGetValue(name, out var v) ? (string)v : null;

    public long Integer(string name) => (long)_values[name];

    public long? OptionalInteger(string name) => _values.TryGetValue(name, out var v) ? (long)v : null;

    public TimeSpan Duration(string name) => (TimeSpan)_values[name];

    public TimeSpan? OptionalDuration(string name) => _values.TryGetValue(name, out var v) ? (TimeSpan)v : null;

    public string Channel(string name) => (string)_values[name];

    public string? OptionalChannel(string name) => _values.TryGetValue(name, out var v) ? (string)v : null;

    public string Choice(string name) => (string)_values[name];

    public string? OptionalChoice(string name) => _values.TryGetValue(name, out var v) ? (string)v : null;

    public Attachment File(string name) => (Attachment)_values[name];

    public Attachment? OptionalFile(string name) => _values.TryGetValue(name, out var v) ? (Attachment)v : null;
}
