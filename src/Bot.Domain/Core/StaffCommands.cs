using System.Text;
using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Staff;
using Bot.Domain.Text;

namespace Bot.Domain.Core;

/// <summary><c>/staff grant|revoke|list|channel</c> and <c>/settings language|timezone|helpchannel</c>.</summary>
public sealed class StaffCommands(IStaffStore staff, ICommunityStore communities, IAuditLog audit, ICommunityChatStore chats) : ICommandHandler
{
    private static readonly string[] RoleNames = [.. Enum.GetNames<StaffRole>().Select(n => n.ToLowerInvariant())];

    public IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("staff", "StaffDescription", Permission.ManageStaff, CoreText.Texts, Subcommands:
        [
            new("grant", "StaffGrantDescription", Permission.ManageStaff, CoreText.Texts,
            [
                new("user", OptionKind.User, "OptionUser"),
                new("role", OptionKind.Choice, "OptionRole", Choices: RoleNames),
            ]),
            new("revoke", "StaffRevokeDescription", Permission.ManageStaff, CoreText.Texts,
            [
                new("user", OptionKind.User, "OptionUser"),
                new("role", OptionKind.Choice, "OptionRole", Choices: RoleNames),
            ]),
            new("list", "StaffListDescription", Permission.ManageSettings, CoreText.Texts),
            new("channel", "StaffChannelDescription", Permission.ManageSettings, CoreText.Texts,
            [
                new("channel", OptionKind.Channel, "OptionChannel", Required: false, Links: true),
            ]),
        ]),
        new("settings", "SettingsDescription", Permission.ManageSettings, CoreText.Texts, Subcommands:
        [
            new("language", "SettingsLanguageDescription", Permission.ManageSettings, CoreText.Texts,
            [
                new("language", OptionKind.Choice, "OptionLanguage", Choices: [.. Languages.Supported]),
            ]),
            new("timezone", "SettingsTimezoneDescription", Permission.ManageSettings, CoreText.Texts,
            [
                new("zone", OptionKind.Text, "OptionZone"),
            ]),
            new("helpchannel", "SettingsHelpChannelDescription", Permission.ManageSettings, CoreText.Texts,
            [
                new("channel", OptionKind.Channel, "OptionChannel", Required: false),
            ]),
        ]),
    ];

    /// <summary>
    /// The staff chat is linked to the community (so staff acting there act on its records); the one it replaces is unlinked.
    /// The chat was checked by the router: the bot is there and the caller administers it.
    /// </summary>
    private async Task<string> SetStaffChannelAsync(CommandCall call, CancellationToken ct)
    {
        var settings = call.Context.Settings;
        var chat = call.Options.OptionalChannel("channel") ?? call.Invocation.ChannelId;
        if (settings.StaffChannelId is { } previous && previous != chat
            && await chats.FindAsync(call.Community.Platform, previous, ct) is { Role: ChatRole.Staff } old && old.Community == call.Community)
        {
            await chats.UnlinkAsync(call.Community, previous, ct);
        }

        if (chat != call.Community.Id)
        {
            var title = call.Options.Check("channel")?.Facts.Title ?? string.Empty;
            await chats.LinkAsync(new CommunityChat(call.Community, chat, ChatRole.Staff, title, call.Caller.User, call.Context.Now), ct);
        }

        await communities.SaveAsync(settings with { StaffChannelId = chat }, ct);
        await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, "chat-link", null, "/staff channel", chat), ct);
        return CoreText.Get(call.Context.Culture, "StaffChannelSet", chat);
    }

    public async Task<IReadOnlyList<BotAction>> HandleAsync(CommandCall call, CancellationToken ct)
    {
        var culture = call.Context.Culture;
        var settings = call.Context.Settings;
        switch (call.Path)
        {
            case "staff grant" or "staff revoke":
                var user = call.Options.User("user");
                var role = Enum.Parse<StaffRole>(call.Options.Choice("role"), ignoreCase: true);
                var grant = call.Path == "staff grant";
                var changed = grant
                    ? await staff.GrantAsync(call.Community, user, role, call.Caller.User, ct)
                    : await staff.RevokeAsync(call.Community, user, role, ct);
                await audit.RecordAsync(new AuditEntry(call.Community, call.Context.Now, call.Caller.User, grant ? "staff-grant" : "staff-revoke", user, "/" + call.Path, role.ToString()), ct);
                var key = (grant, changed) switch
                {
                    (true, true) => "StaffGranted",
                    (true, false) => "StaffAlreadyGranted",
                    (false, true) => "StaffRevoked",
                    _ => "StaffNotGranted",
                };
                return [call.Reply(CoreText.Get(culture, key, user.Id, role.ToString().ToLowerInvariant()))];
            case "staff list":
                var list = await staff.ListAsync(call.Community, ct);
                var text = new StringBuilder(CoreText.Get(culture, "StaffListHeader")).AppendLine();
                foreach (var group in list.GroupBy(g => g.User))
                {
                    text.Append(group.Key.Id).Append(": ").AppendLine(string.Join(", ", group.Select(g => g.Role.ToString().ToLowerInvariant())));
                }

                return [call.Reply(list.Count == 0 ? CoreText.Get(culture, "StaffListEmpty") : text.ToString().TrimEnd(), ephemeral: true)];
            case "staff channel":
                return [call.Reply(await SetStaffChannelAsync(call, ct))];
            case "settings language":
                var language = call.Options.Choice("language");
                await communities.SaveAsync(settings with { Language = language }, ct);
                return [call.Reply(CoreText.Get(Languages.Culture(language), "LanguageSet", language))];
            case "settings timezone":
                var zone = call.Options.Text("zone");
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
                {
                    return [call.Reply(CoreText.Get(culture, "UnknownTimeZone", zone), ephemeral: true)];
                }

                await communities.SaveAsync(settings with { TimeZone = zone }, ct);
                return [call.Reply(CoreText.Get(culture, "TimeZoneSet", zone))];
            default:
                var help = call.Options.OptionalChannel("channel") ?? call.Invocation.ChannelId;
                await communities.SaveAsync(settings with { HelpChannelId = help }, ct);
                return [call.Reply(CoreText.Get(culture, "HelpChannelSet", help))];
        }
    }
}
