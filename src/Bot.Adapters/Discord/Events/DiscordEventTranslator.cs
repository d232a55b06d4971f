using System.Text.Json;
using Bot.Adapters.Discord.Interactions;
using Bot.Adapters.Discord.Json;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Model;

namespace Bot.Adapters.Discord.Events;

/// <summary>Where a dispatch came from: events without an id of their own are named by session and sequence, which a resume replays unchanged.</summary>
internal readonly record struct DispatchOrigin(string SessionId, long Sequence, DateTimeOffset ReceivedAt);

/// <summary>
/// Gateway dispatches → domain events. Event ids are Discord's ids where the payload has one (message,
/// interaction, member join time), otherwise session and sequence, so a resume's replay is de-duplicated.
/// </summary>
internal sealed class DiscordEventTranslator(GuildCache guilds, DiscordOptions options)
{
    private static readonly DiscordJsonContext Ctx = DiscordJsonContext.Default;

    public IReadOnlyList<ChatEvent> Translate(string type, JsonElement data, DispatchOrigin origin)
    {
        switch (type)
        {
            case "MESSAGE_CREATE":
                return Posted(data.Deserialize(Ctx.DiscordMessage)!) is { } posted ? [posted] : [];
            case "MESSAGE_UPDATE":
                var edit = data.Deserialize(Ctx.DiscordMessage)!;
                if (edit is { GuildId: { } editGuild, Author: { Bot: not true } editor, EditedTimestamp: { } editedAt, Content: { } content })
                {
                    return [new MessageEdited(
                        $"dc:edit:{edit.Id}:{editedAt.ToUnixTimeMilliseconds()}", Guild(editGuild), editedAt, edit.ChannelId, edit.Id,
                        guilds.ToMember(editGuild, editor, edit.Member), content)];
                }

                return [];
            case "MESSAGE_DELETE":
                var deleted = data.Deserialize(Ctx.MessageDeleteData)!;
                return deleted.GuildId is { } deleteGuild
                    ? [new MessageDeleted($"dc:del:{deleted.Id}", Guild(deleteGuild), origin.ReceivedAt, deleted.ChannelId, deleted.Id)]
                    : [];
            case "MESSAGE_DELETE_BULK":
                var bulk = data.Deserialize(Ctx.MessageDeleteBulkData)!;
                return bulk.GuildId is { } bulkGuild
                    ? [.. bulk.Ids.Select(id => new MessageDeleted($"dc:del:{id}", Guild(bulkGuild), origin.ReceivedAt, bulk.ChannelId, id))]
                    : [];
            case "GUILD_MEMBER_ADD":
                var joined = data.Deserialize(Ctx.DiscordMember)!;
                if (joined is { GuildId: { } joinGuild, User: { Bot: not true } joiner })
                {
                    var at = joined.JoinedAt ?? origin.ReceivedAt;
                    return [new MemberJoined(
                        $"dc:join:{joinGuild}:{joiner.Id}:{at.ToUnixTimeMilliseconds()}", Guild(joinGuild), at, guilds.ToMember(joinGuild, joiner, joined),
                        ChannelId: guilds.DefaultInviteChannel(joinGuild), CommunityName: guilds.NameOf(joinGuild))];
                }

                return [];
            case "GUILD_MEMBER_REMOVE":
                var left = data.Deserialize(Ctx.MemberRemoveData)!;
                return left.User.Bot == true
                    ? []
                    : [new MemberLeft($"dc:leave:{left.GuildId}:{left.User.Id}:{origin.SessionId}:{origin.Sequence}", Guild(left.GuildId), origin.ReceivedAt, User(left.User.Id))];
            case "MESSAGE_REACTION_ADD":
                var reaction = data.Deserialize(Ctx.ReactionAddData)!;
                if (reaction.GuildId is not { } reactionGuild || reaction.UserId == guilds.BotUserId)
                {
                    return [];
                }

                var emoji = reaction.Emoji.Id is { } emojiId ? $"<:{reaction.Emoji.Name}:{emojiId}>" : reaction.Emoji.Name ?? "?";
                return [new ReactionAdded(
                    $"dc:react:{reactionGuild}:{reaction.UserId}:{origin.SessionId}:{origin.Sequence}", Guild(reactionGuild), origin.ReceivedAt,
                    reaction.ChannelId, reaction.MessageId, User(reaction.UserId), emoji,
                    reaction.MessageAuthorId is { } author ? User(author) : null)];
            default:
                return [];
        }
    }

    /// <summary>A slash command → <see cref="CommandInvoked"/> with its options rendered as the text the parser reads; a button → <see cref="ButtonPressed"/>.</summary>
    public ChatEvent? TranslateInteraction(DiscordInteraction interaction, Func<string, CommandSpec?> findCommand)
    {
        var user = interaction.Member?.User ?? interaction.User;
        var community = CommunityOf(interaction.GuildId);
        if (user is null || community is null || interaction.ChannelId is null || interaction.Data is not { } data)
        {
            return null;
        }

        var caller = interaction.GuildId is { } guild ? guilds.ToMember(guild, user, interaction.Member) : DirectMember(user);
        var at = Snowflake.CreatedAt(interaction.Id) ?? DateTimeOffset.UnixEpoch;
        var eventId = $"dc:ix:{interaction.Id}";
        switch (interaction.Type)
        {
            case 2 when data is { Type: 3, Name: { } name, TargetId: { } target }:
                var author = data.Resolved?.Messages?.GetValueOrDefault(target)?.Author;
                return new CommandInvoked(
                    eventId, community.Value, at, interaction.ChannelId, caller, name, string.Empty,
                    InteractionId: interaction.Id, IsDirect: interaction.GuildId is null,
                    ReplyToUser: author is null ? null : User(author.Id), ReplyToMessageId: target);
            case 2 when data.Name is { } name:
                var mentions = new List<UserRef>();
                var arguments = SlashArguments.Render(findCommand(name), data.Options ?? [], mentions);
                return new CommandInvoked(
                    eventId, community.Value, at, interaction.ChannelId, caller, name, arguments,
                    InteractionId: interaction.Id, IsDirect: interaction.GuildId is null, Mentions: mentions);
            case 3 when data.CustomId is { } customId && interaction.Message is { } message:
                return new ButtonPressed(eventId, community.Value, at, interaction.ChannelId, message.Id, caller, customId, interaction.Id);
            default:
                return null;
        }
    }

    private MessagePosted? Posted(DiscordMessage message)
    {
        if (message.Author is not { } author || author.Bot == true || message.WebhookId is not null || author.Id == guilds.BotUserId)
        {
            return null;
        }

        var community = CommunityOf(message.GuildId);
        if (community is null)
        {
            return null;
        }

        var member = message.GuildId is { } guild ? guilds.ToMember(guild, author, message.Member) : DirectMember(author);
        return new MessagePosted(
            $"dc:msg:{message.Id}", community.Value, message.Timestamp ?? Snowflake.CreatedAt(message.Id) ?? DateTimeOffset.UnixEpoch,
            message.ChannelId, message.Id, member, message.Content ?? string.Empty,
            message.MessageReference?.MessageId,
            message.ReferencedMessage?.Author is { } repliedTo ? User(repliedTo.Id) : null,
            [.. (message.Mentions ?? []).Select(m => User(m.Id))],
            IsDirect: message.GuildId is null);
    }

    /// <summary>A guild, or for direct messages the home guild (configured, or the only guild the bot is in).</summary>
    private CommunityRef? CommunityOf(string? guildId)
    {
        if (guildId is not null)
        {
            return Guild(guildId);
        }

        if (options.HomeGuildId is { Length: > 0 } home)
        {
            return Guild(home);
        }

        var all = guilds.GuildIds;
        return all.Count == 1 ? Guild(all.First()) : null;
    }

    private static Member DirectMember(DiscordUser user) =>
        new(User(user.Id), user.GlobalName ?? user.Username, user.Username, AccountCreatedAt: Snowflake.CreatedAt(user.Id));

    private static CommunityRef Guild(string id) => new(Platform.Discord, id);

    private static UserRef User(string id) => new(Platform.Discord, id);
}

/// <summary>Slash-command options back into the text form of <see cref="CommandInvoked.Arguments"/>, in declared order.</summary>
internal static class SlashArguments
{
    public static string Render(CommandSpec? spec, IReadOnlyList<InteractionOption> options, List<UserRef> mentions)
    {
        if (options is [{ Type: 1 or 2 } sub])
        {
            var child = spec?.Children.FirstOrDefault(c => c.Name == sub.Name);
            var rest = Render(child, sub.Options ?? [], mentions);
            return rest.Length == 0 ? sub.Name : $"{sub.Name} {rest}";
        }

        var byName = options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var names = spec is null ? [.. options.Select(o => o.Name)] : spec.TextParameters.Select(p => p.Name).ToList();
        var parts = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            if (byName.TryGetValue(names[i], out var option) && Value(option, mentions) is { Length: > 0 } value)
            {
                parts.Add(i == names.Count - 1 ? value : Quote(value));
            }
        }

        return string.Join(' ', parts);
    }

    private static string? Value(InteractionOption option, List<UserRef> mentions)
    {
        // An attachment's value is its id in the resolved data; the file itself is fetched separately.
        if (option.Value is not { } value || option.Type == DiscordAttachments.OptionType)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        switch (option.Type)
        {
            case 6:
                mentions.Add(new UserRef(Platform.Discord, text!));
                return $"<@{text}>";
            case 7:
                return $"<#{text}>";
            default:
                return text?.Trim();
        }
    }

    /// <summary>A value with spaces that is not the last option is quoted so the parser reads it as one word.</summary>
    private static string Quote(string value) =>
        !value.Any(char.IsWhiteSpace) ? value : value.Contains('"', StringComparison.Ordinal) ? $"「{value}」" : $"\"{value}\"";
}
