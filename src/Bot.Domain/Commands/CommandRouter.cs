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
/// with the reason and the usage, and changes nothing. Staff commands are written to the audit log. A member's unknown
/// or refused commands are answered at most once a minute (<see cref="RefusalThrottle"/>; none given: every time).
/// </summary>
public sealed class CommandRouter(
    CommandCatalog catalog, IMemberStore members, IAuditLog audit, PermissionTable permissions, ChatTrust chats, RefusalThrottle? throttle = null) : IFeature
{
    public string Name => "commands";

    public int Order => 200;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        // A command that broke a rule was deleted by moderation: it is not run.
        if (context.Event is not CommandInvoked command || context.MessageFiltered)
        {
            return FeatureResults.None;
        }

        var culture = context.Culture;
        if (!catalog.TryGet(command.Name, out var root, out var handler))
        {
            return Refuse(context, command, CoreText.Get(culture, "UnknownCommand", command.Name));
        }

        var (spec, path, arguments) = (root, root.Name, command.Arguments);
        while (spec.Children.Count > 0)
        {
            var (token, rest) = CommandParser.NextToken(arguments);
            if (token is null && spec.DefaultSubcommand is { } bare)
            {
                (token, rest) = (bare, string.Empty);
            }

            var child = spec.Children.FirstOrDefault(c => c.Name.Equals(token, StringComparison.OrdinalIgnoreCase));
            if (child is null)
            {
                return Refuse(context, command, CoreText.Get(culture, "UnknownSubcommand", spec.Usage(path)));
            }

            (spec, path, arguments) = (child, $"{path} {child.Name}", rest);
        }

        if (!permissions.Allows(context.ActorRoles, spec.Permission))
        {
            var roles = string.Join(", ", permissions.RolesWith(spec.Permission).Select(r => r.ToString().ToLowerInvariant()));
            return Refuse(context, command, CoreText.Get(culture, "NotPermitted", path, roles));
        }

        var (options, error) = await CommandParser.ParseAsync(
            spec, arguments, command.Community.Platform, command.ReplyToUser, (token, token2) => ResolveUserAsync(command, token, token2), ct);
        error ??= CommandFiles.Bind(spec, command.Attachments ?? [], options!);
        if (error is not null)
        {
            var reason = CoreText.Get(culture, error.Key, error.Args);
            return [Answer(command, CoreText.Get(culture, "UsageError", reason, spec.Usage(path)))];
        }

        foreach (var option in spec.Parameters.Where(o => o.Kind == OptionKind.Channel && options!.Has(o.Name)))
        {
            var named = options!.Channel(option.Name);
            var check = option.Links
                ? await chats.ForLinkAsync(command.Community, named, command.Caller.User, ct)
                : await chats.ForTargetAsync(command.Community, named, command.Caller.User, ct);
            if (check.Refusal is { } refusal)
            {
                return [Answer(command, ChatRefusals.Explain(culture, refusal, named))];
            }

            options.Checked(option.Name, check);
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

    /// <summary>An unknown or refused command: answered, unless a member (not staff) keeps sending them in chat.</summary>
    private IReadOnlyList<BotAction> Refuse(EventContext context, CommandInvoked command, string text) =>
        throttle is null || context.IsStaff || command.InteractionId is not null || throttle.TryAnswer(command.Community, command.Caller.User)
            ? [Answer(command, text)]
            : FeatureResults.None;

    private static Reply Answer(CommandInvoked command, string text) =>
        new(command.Community, command.ChannelId, text, command.MessageId, Ephemeral: true, InteractionId: command.InteractionId, ThreadId: command.ThreadId, To: command.Caller.User);
}
