using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Commands;

/// <summary>A parsed, permitted command on its way to the feature that declared it.</summary>
public sealed record CommandCall(CommandInvoked Invocation, string Path, CommandSpec Spec, ParsedOptions Options, EventContext Context)
{
    public Member Caller => Invocation.Caller;

    public CommunityRef Community => Invocation.Community;

    /// <summary>An answer to the caller in the channel where they asked (ephemeral where the platform can).</summary>
    public Reply Reply(string text, bool ephemeral = false, IReadOnlyList<Button>? buttons = null, Attachment? file = null) =>
        new(Invocation.Community, Invocation.ChannelId, text, Invocation.MessageId, ephemeral, buttons, file, Invocation.InteractionId, Invocation.ThreadId, Caller.User);
}

/// <summary>A feature's commands: their declarations and the code that runs them.</summary>
public interface ICommandHandler
{
    IReadOnlyList<CommandSpec> Commands { get; }

    Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct);
}
