using System.Globalization;
using Bot.Adapters.Discord.Json;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Adapters.Discord.Commands;

/// <summary>
/// The command declarations → Discord application commands: subcommands as SUB_COMMAND options,
/// required options first (Discord's rule), choices, zh-TW descriptions, and a default permission for
/// staff commands so members do not see them (server admins may change it under Integrations).
/// </summary>
internal static class SlashCommandBuilder
{
    private const int SubCommand = 1;
    private const int String = 3;
    private const int Integer = 4;
    private const int User = 6;
    private const int Channel = 7;
    private const int Attachment = 11;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-TW");

    private const int MessageCommand = 3;

    public static ApplicationCommandJson[] Build(IEnumerable<CommandSpec> commands) =>
        [.. commands.Select(spec => spec.OnMessage
            // Context-menu commands carry no description or options: the target message is the argument.
            ? new ApplicationCommandJson(spec.Name, string.Empty, DefaultMemberPermissions: DefaultPermission(spec.Visibility), Contexts: [0], Type: MessageCommand)
            : new ApplicationCommandJson(
                spec.Name,
                Describe(spec.Describe(English)),
                Localized(spec.Describe(English), spec.Describe(Chinese)),
                spec.Children.Count > 0 ? [.. spec.Children.Select(SubCommandOption)] : Options(spec),
                DefaultPermission(spec.Visibility),
                Contexts: [0]))];

    /// <summary>The Discord permission a member needs to see a command by default; null is everyone.</summary>
    public static string? DefaultPermission(Permission permission)
    {
        ulong? bits = permission switch
        {
            Permission.Everyone => null,
            Permission.Moderate or Permission.ManageRules => DiscordPermissions.ModerateMembers,
            Permission.HandleTickets or Permission.ManageFaq or Permission.DraftContent or Permission.ManageEvents => DiscordPermissions.ManageMessages,
            _ => DiscordPermissions.ManageGuild,
        };
        return bits?.ToString(CultureInfo.InvariantCulture);
    }

    private static CommandOptionJson SubCommandOption(CommandSpec child) =>
        new(SubCommand, child.Name, Describe(child.Describe(English)), Localized(child.Describe(English), child.Describe(Chinese)), Options: Options(child));

    private static CommandOptionJson[]? Options(CommandSpec spec)
    {
        if (spec.Parameters.Count == 0)
        {
            return null;
        }

        // Stable: within required and optional groups, the declared order stays.
        return [.. spec.Parameters.OrderBy(o => o.Required ? 0 : 1).Select(o => Option(spec, o))];
    }

    private static CommandOptionJson Option(CommandSpec spec, OptionSpec option)
    {
        var (english, chinese) = (spec.DescribeOption(option, English), spec.DescribeOption(option, Chinese));
        var type = option.Kind switch
        {
            OptionKind.User => User,
            OptionKind.Integer => Integer,
            OptionKind.Channel => Channel,
            OptionKind.File => Attachment,
            _ => String,
        };
        return new CommandOptionJson(
            type,
            option.Name,
            Describe(english),
            Localized(english, chinese),
            option.Required,
            // Discord takes at most 25 choices: a longer list (stats metrics) is typed, and the router checks the value.
            option is { Kind: OptionKind.Choice, Choices: { Count: <= MaxChoices } choices } ? [.. choices.Select(c => new CommandChoiceJson(c, c))] : null,
            option.Kind == OptionKind.Integer ? option.Min : null,
            option.Kind == OptionKind.Integer ? option.Max : null,
            option.Kind == OptionKind.Channel ? [0, 5, 11, 12, 15] : null);
    }

    private const int MaxChoices = 25;

    // Discord allows 1–100 characters.
    private static string Describe(string text) => text.Length <= 100 ? text : text[..99] + "…";

    private static Dictionary<string, string>? Localized(string english, string chinese) =>
        chinese == english ? null : new Dictionary<string, string> { ["zh-TW"] = Describe(chinese) };
}
