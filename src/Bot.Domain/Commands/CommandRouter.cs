using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Community;
using Bot.Domain.Core;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;
using Bot.Domain.Staff;

namespace Bot.Domain.Commands;

/// <summary>
/// Turns <see cref="CommandInvoked"/> into a call on the declaring feature: finds the (sub)command,
/// checks the caller's permission, parses the options. A refusal or a parse error answers the caller
/// with the reason and the usage, and changes nothing. Staff commands are written to the audit log.
/// </summary>
public sealed class CommandRouter(CommandCatalog catalog, IMemberStore members, IAuditLog audit, PermissionTable permissions) : IFeature
{
    public string Name => "commands";

    public int Order => 200;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        if (context.Event is not CommandInvoked command)
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        if (!catalog.TryGet(command.Name, out var root, out var handler))
        {
            return [Answer(command, CoreText.Get(culture, "UnknownCommand", command.Name))];
        }

        var (spec, path, arguments) = (root, root.Name, command.Arguments);
        while (spec.Children.Count > 0)
        {
            var (token, rest) = CommandParser.NextToken(arguments);
            var child = spec.Children.FirstOrDefault(c => c.Name.Equals(token, StringComparison.OrdinalIgnoreCase));
            if (child is null)
            {
                return [Answer(command, CoreText.Get(culture, "UnknownSubcommand", spec.Usage(path)))];
            }

            (spec, path, arguments) = (child, $"{path} {child.Name}", rest);
        }

        if (!permissions.Allows(context.ActorRoles, spec.Permission))
        {
            var roles = string.Join(", ", permissions.RolesWith(spec.Permission).Select(r => r.ToString().ToLowerInvariant()));
            return [Answer(command, CoreText.Get(culture, "NotPermitted", path, roles))];
        }

        var (options, error) = await CommandParser.ParseAsync(
            spec, arguments, command.Community.Platform, command.ReplyToUser, (token, token2) => ResolveUserAsync(command, token, token2), ct);
        if (error is not null)
        {
            var reason = CoreText.Get(culture, error.Key, error.Args);
            return [Answer(command, CoreText.Get(culture, "UsageError", reason, spec.Usage(path)))];
        }

        if (spec.Permission != Permission.Everyone)
        {
            await audit.RecordAsync(
                new AuditEntry(command.Community, context.Now, command.Caller.User, "command", null, "/" + path, command.Arguments), ct);
        }

        return await handler.HandleAsync(new CommandCall(command, path, spec, options!, context), ct);
    }

    // Mentions and ids resolve in the parser; a typed name only when exactly one member has it.
    private async Task<(UserRef? User, ParseError? Error)> ResolveUserAsync(CommandInvoked command, string token, CancellationToken ct)
    {
        var matches = await members.MatchAsync(command.Community, token.TrimStart('@'), ct);
        return matches.Count switch
        {
            0 => (null, null),
            1 => (matches[0].User, null),
            _ => (null, new ParseError("AmbiguousUser", token, string.Join(", ", matches.Select(m => $"{m.DisplayName} ({m.User.Id})")))),
        };
    }

    private static Reply Answer(CommandInvoked command, string text) =>
        new(command.Community, command.ChannelId, text, command.MessageId, Ephemeral: true, InteractionId: command.InteractionId, ThreadId: command.ThreadId);
}
