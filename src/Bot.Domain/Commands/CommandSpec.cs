using System.Globalization;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Commands;

public enum OptionKind
{
    User,
    Text,
    Integer,
    Duration,
    Channel,
    Choice,

    /// <summary>A file attached to the command (Discord attachment option, Telegram document, console <c>@file path</c>).</summary>
    File,
}

/// <summary>
/// One typed option. A <see cref="OptionKind.Text"/> option that is last takes the rest of the line.
/// <see cref="DescriptionKey"/> names a string in the feature's resources. A <see cref="OptionKind.File"/>
/// option takes no text: it is the attached file, of one of <see cref="FileTypes"/> (extensions without the
/// dot; none means any) and at most <see cref="MaxBytes"/>, which adapters check before they download it.
/// A <see cref="OptionKind.Channel"/> option is checked by <see cref="Community.ChatTrust"/> before the handler runs: as a
/// chat to link (<see cref="Links"/>) or as one the command will send to.
/// </summary>
public sealed record OptionSpec(
    string Name,
    OptionKind Kind,
    string DescriptionKey,
    bool Required = true,
    IReadOnlyList<string>? Choices = null,
    long? Min = null,
    long? Max = null,
    IReadOnlyList<string>? FileTypes = null,
    long MaxBytes = OptionSpec.DefaultMaxBytes,
    bool Links = false)
{
    public const long DefaultMaxBytes = 1024 * 1024;
}

/// <summary>
/// A command declared once: the text parser, Discord slash-command registration, Telegram's command
/// menu and <c>/help</c> all read this. A command either has options or subcommands, not both.
/// <see cref="OnMessage"/> marks a command that acts on the message it is sent in reply to (Telegram, console);
/// Discord has no replies to slash commands, so there it is a message context-menu command (Apps → name).
/// <see cref="DefaultSubcommand"/> is the subcommand a bare text command runs (<c>/rules</c> is <c>/rules show</c>).
/// </summary>
public sealed record CommandSpec(
    string Name,
    string DescriptionKey,
    Permission Permission,
    Texts Texts,
    IReadOnlyList<OptionSpec>? Options = null,
    IReadOnlyList<CommandSpec>? Subcommands = null,
    bool OnMessage = false,
    string? DefaultSubcommand = null)
{
    public IReadOnlyList<OptionSpec> Parameters => Options ?? [];

    /// <summary>The options typed as text, in order; file options come as attachments instead.</summary>
    public IReadOnlyList<OptionSpec> TextParameters => [.. Parameters.Where(o => o.Kind != OptionKind.File)];

    public IReadOnlyList<OptionSpec> FileParameters => [.. Parameters.Where(o => o.Kind == OptionKind.File)];

    public IReadOnlyList<CommandSpec> Children => Subcommands ?? [];

    public string Describe(CultureInfo culture) => Texts.Get(culture, DescriptionKey);

    public string DescribeOption(OptionSpec option, CultureInfo culture) => Texts.Get(culture, option.DescriptionKey);

    /// <summary>The least permission any part of the command needs: who sees it in menus and <c>/help</c>.</summary>
    public Permission Visibility =>
        Children.Count == 0 ? Permission : Children.Select(c => c.Permission).Min();

    private const int MaxListedChoices = 10;

    /// <summary>The usage line: <c>/warn &lt;user&gt; &lt;reason&gt;</c>, optional parts in brackets.</summary>
    public string Usage(string path)
    {
        if (Children.Count > 0)
        {
            return $"/{path} {string.Join('|', Children.Select(c => c.Name))}";
        }

        var parts = Parameters.Select(o =>
        {
            // A long list (stats metrics) would crowd /help; a wrong value is answered with every choice.
            var label = o.Kind switch
            {
                OptionKind.Choice when o.Choices is { Count: > 0 and <= MaxListedChoices } => string.Join('|', o.Choices),
                OptionKind.File => (o.Name == "file" ? "file" : o.Name + ": file") + (o.FileTypes is { Count: > 0 } types ? " ." + string.Join("/.", types) : string.Empty),
                _ => o.Name,
            };
            return o.Required ? $"<{label}>" : $"[{label}]";
        });
        return string.Join(' ', new[] { "/" + path }.Concat(parts));
    }
}
