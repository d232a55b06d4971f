using Bot.Domain.Actions;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Pipeline;

namespace Bot.Domain.Core;

/// <summary>Keeps the member directory and the message log that the other features read.</summary>
public sealed class MembersFeature(IMemberStore members, IMessageLog messages) : IFeature
{
    public string Name => "members";

    public int Order => 0;

    public async Task<IReadOnlyList<BotAction>> HandleAsync(EventContext context, CancellationToken ct)
    {
        switch (context.Event)
        {
            case MessagePosted { IsDirect: false } message:
                await members.SeenAsync(message.Community, message.Author, message.At, ct);
                await messages.AppendAsync(
                    new StoredMessage(message.Community, message.ChannelId, message.MessageId, message.Author.User, message.At, message.Text), ct);
                break;
            case CommandInvoked command:
                await members.SeenAsync(command.Community, command.Caller, command.At, ct);
                if (command.AsMessage() is { } typed)
                {
                    // A command is a message too: /purge and /spam find it like any other.
                    await messages.AppendAsync(new StoredMessage(typed.Community, typed.ChannelId, typed.MessageId, typed.Author.User, typed.At, typed.Text), ct);
                }

                break;
            case MemberJoined joined:
                await members.JoinedAsync(joined.Community, joined.Member, joined.At, ct);
                break;
            case MemberLeft left:
                await members.LeftAsync(left.Community, left.User, left.At, ct);
                break;
        }

        return FeatureResults.None;
    }
}
