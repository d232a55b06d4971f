using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Staff;

namespace Bot.Domain.Core;

/// <summary><c>/help</c>: the commands the caller may use, with their usage, in the community's language.</summary>
public sealed class HelpCommands(IServiceProvider services, PermissionTable permissions) : ICommandHandler
{
    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("help", "HelpDescription", Permission.Everyone, CoreText.Texts),
    ];

    public Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        // The catalog includes this handler, so it is looked up when needed rather than injected.
        var catalog = (CommandCatalog)services.GetService(typeof(CommandCatalog))!;
        var culture = call.Context.Culture;
        var text = new StringBuilder(CoreText.Get(culture, "HelpHeader")).AppendLine();
        foreach (var spec in catalog.All)
        {
            AppendVisible(text, spec, spec.Name, call.Context.ActorRoles, culture);
        }

        return Task.FromResult<IReadOnlyList<BotAction>>([call.Reply(text.ToString().TrimEnd(), ephemeral: true)]);
    }

    private void AppendVisible(StringBuilder text, CommandSpec spec, string path, IReadOnlySet<StaffRole> roles, System.Globalization.CultureInfo culture)
    {
        if (spec.Children.Count == 0)
        {
            if (permissions.Allows(roles, spec.Permission))
            {
                text.Append(spec.Usage(path)).Append(" — ").AppendLine(spec.Describe(culture));
            }

            return;
        }

        foreach (var child in spec.Children)
        {
            AppendVisible(text, child, $"{path} {child.Name}", roles, culture);
        }
    }
}
