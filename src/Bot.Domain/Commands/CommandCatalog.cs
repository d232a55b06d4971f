namespace Bot.Domain.Commands;

/// <summary>Every declared command, checked once at start: names unique, options well formed.</summary>
public sealed class CommandCatalog
{
    private readonly Dictionary<string, (CommandSpec Spec, ICommandHandler Handler)> _byName = new(StringComparer.OrdinalIgnoreCase);

    public CommandCatalog(IEnumerable<ICommandHandler> handlers)
    {
        foreach (var handler in handlers)
        {
            foreach (var spec in handler.Commands)
            {
                Validate(spec, spec.Name);
                if (!_byName.TryAdd(spec.Name, (spec, handler)))
                {
                    throw new InvalidOperationException($"Command /{spec.Name} is declared twice.");
                }
            }
        }
    }

    public IEnumerable<CommandSpec> All => _byName.Values.Select(v => v.Spec).OrderBy(s => s.Name, StringComparer.Ordinal);

    public bool TryGet(string name, out CommandSpec spec, out ICommandHandler handler)
    {
        if (_byName.TryGetValue(name, out var found))
        {
            (spec, handler) = found;
            return true;
        }

        (spec, handler) = (null!, null!);
        return false;
    }

    private static void Validate(CommandSpec spec, string path)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(spec.Name, "^[a-z][a-z0-9_]{0,31}$"))
        {
            throw new InvalidOperationException($"Command /{path}: names are 1-32 lowercase letters, digits or '_'.");
        }

        if (spec.Children.Count > 0 && spec.Parameters.Count > 0)
        {
            throw new InvalidOperationException($"Command /{path} has both options and subcommands.");
        }

        foreach (var option in spec.Parameters)
        {
            if (option.Kind == OptionKind.Choice && option.Choices is not { Count: > 0 })
            {
                throw new InvalidOperationException($"Command /{path}: choice option '{option.Name}' has no choices.");
            }
        }

        foreach (var child in spec.Children)
        {
            Validate(child, $"{path} {child.Name}");
        }
    }
}
