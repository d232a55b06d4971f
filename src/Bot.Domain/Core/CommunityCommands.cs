using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Staff;

namespace Bot.Domain.Core;

/// <summary>
/// <c>/community link|unlink|chats</c>: the chats that make up a community besides its own (a second group, an
/// announcement channel). A chat to link is checked by the router (<see cref="ChatTrust"/>) before it gets here.
/// </summary>
public sealed class CommunityCommands(ICommunityChatStore chats, ICommunityStore communities, IAuditLog audit) : ICommandHandler
{
    private static readonly string[] Roles = ["member", "announcement"];

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("community", "CommunityDescription", Permission.ManageSettings, CoreText.Texts, Subcommands:
        [
            new("link", "CommunityLinkDescription", Permission.ManageSettings, CoreText.Texts,
            [
                new("chat", OptionKind.Channel, "OptionChat", Links: true),
                new("as", OptionKind.Choice, "OptionChatRole", Required: false, Choices: Roles),
            ]),
            new("unlink", "CommunityUnlinkDescription", Permission.ManageSettings, CoreText.Texts,
            [
                new("chat", OptionKind.Text, "OptionChat"),
            ]),
            new("chats", "CommunityChatsDescription", Permission.ManageSettings, CoreText.Texts),
        ]),
    ];

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        switch (call.Path)
        {
            case "community link":
                var chat = call.Options.Channel("chat");
                if (chat == call.Community.Id || chat == call.Context.Settings.StaffChannelId)
                {
                    return [call.Reply(CoreText.Get(culture, "ChatAlreadyOwn", chat), ephemeral: true)];
                }

                var role = call.Options.OptionalChoice("as") == "announcement" ? ChatRole.Announcement : ChatRole.Member;
                var title = call.Options.Check("chat")?.Facts.Title ?? string.Empty;
                await chats.LinkAsync(new CommunityChat(call.Community, chat, role, title, call.Caller.User, call.Context.Now), ct);
                await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "chat-link", null, "/community link", chat), ct);
                return [call.Reply(CoreText.Get(culture, "ChatLinked", Label(title, chat), role.ToString().ToLowerInvariant()))];
            case "community unlink":
                var named = call.Options.Text("chat").Trim().TrimStart('#');
                if (!await chats.UnlinkAsync(call.Community, named, ct))
                {
                    return [call.Reply(CoreText.Get(culture, "ChatNotLinked", named), ephemeral: true)];
                }

                if (call.Context.Settings.StaffChannelId == named)
                {
                    await communities.SaveAsync(call.Context.Settings with { StaffChannelId = null }, ct);
                }

                await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "chat-unlink", null, "/community unlink", named), ct);
                return [call.Reply(CoreText.Get(culture, "ChatUnlinked", named))];
            default:
                var list = await chats.ListAsync(call.Community, ct);
                var text = new StringBuilder(CoreText.Get(culture, "ChatsHeader", call.Community.Id, call.Invocation.ChannelId));
                foreach (var linked in list)
                {
                    text.AppendLine().Append("• ").Append(Label(linked.Title, linked.ChatId)).Append(" — ").Append(linked.Role.ToString().ToLowerInvariant());
                }

                if (list.Count == 0)
                {
                    text.AppendLine().Append(CoreText.Get(culture, "ChatsNone"));
                }

                return [call.Reply(text.ToString(), ephemeral: true)];
        }
    }

    private static string Label(string title, string chat) => title.Length > 0 ? $"{title} ({chat})" : chat;
}
